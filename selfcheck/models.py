"""The self-check page: editors write the words around it; the questions and rules are code.

Private by design: answers arrive in a form POST (never the URL, see selfcheck.views), are read in memory
and answered with the result. Nothing is written to the database, the cache, a session or a log, and every
response is sent `Cache-Control: private, no-store`, so neither the site's page cache nor the browser keeps
it. The page links to the appointment form but passes it nothing.
"""

from http import HTTPMethod

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from site_core.editorial.review import HealthSectionMixin, MedicallyReviewedMixin
from site_core.pages.blocks import RICH_TEXT_FEATURES, CallToActionBlock
from site_core.pages.models import BasePage

from .questions import SelfCheckForm
from .rules import CRISIS, QUESTIONS, outcome


class SelfCheckPage(HealthSectionMixin, MedicallyReviewedMixin, BasePage):
    """ "Is this for me?": a private self-check before the first call. A health page: it goes live only
    through the Medical review workflow (site_core.editorial.governance), which it is given as its own section."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Above the questions: what the check is for, and that nothing is stored or sent."),
    )
    closing_text = RichTextField(
        _("closing text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown under the summary, e.g. what a first consultation involves."),
    )
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("call to action"),
        help_text=_("Shown under the summary, beside the clinic's phone number."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("closing_text"),
        FieldPanel("call_to_action"),
        *MedicallyReviewedMixin.review_panels,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    serve_select_related = ("medical_reviewer",)
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    class Meta:
        verbose_name = _("self-check page")

    def answer_url(self):
        """Where the form posts: the page's own CSRF-exempt address (selfcheck.views explains why)."""
        return reverse("selfcheck_answer", args=[self.pk])

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            context = self.answer(request)
        elif request.method in ("GET", "HEAD"):
            context = {"form": SelfCheckForm(), "state": QUESTIONS}
        else:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        status = context.pop("status", 200)
        context = {**self.get_context(request, *args, **kwargs), **context}
        response = TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)
        # Answers and results are nobody else's: no shared cache, no browser cache, no back-button copy.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def answer(self, request):
        """The context for one submission: which state it shows, and what with."""
        form = SelfCheckForm(request.POST)
        state, summary = outcome(form)
        context = {"form": form, "state": state, "summary": summary, "continued": form.continued}
        if state == CRISIS:
            # The "continue" button carries the answers back in the form, so nothing has to be kept here.
            context["carried"] = [
                (name, value)
                for name, values in form.answers_as_initial().items()
                for value in (values if isinstance(values, list) else [values])
                if value
            ]
        elif state == QUESTIONS and form.resuming:
            # Back from the crisis message: the questions again, filled in, without scolding.
            context["form"] = SelfCheckForm(initial=form.answers_as_initial())
        elif state == QUESTIONS:
            context["status"] = 400
        return context
