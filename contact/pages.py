"""The appointment-request page: the form, its checks, storing the request and the thank-you page.

Imports run one way: pages -> forms, spam, tasks -> delivery -> records.
"""

from django.conf import settings
from django.db import models, transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from contact.forms import AppointmentForm
from contact.spam import is_bot, rate_limited
from contact.tasks import enqueue_delivery
from site_core.pages.blocks import RICH_TEXT_FEATURES
from site_core.pages.models import BasePage


class ContactPage(RoutablePageMixin, BasePage):
    """The appointment-request page; its thank-you page is a route of its own."""

    intro = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("A sentence or two above the form.")
    )
    what_happens_next = RichTextField(
        _("what happens next"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Tells patients what follows a request."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown after a request is sent.")
    )
    privacy_note = RichTextField(
        _("privacy note"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown beside the consent box.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy page"),
        help_text=_("Linked from the consent box."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("what_happens_next"),
        FieldPanel("privacy_note"),
        PageChooserPanel("privacy_page"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def service_choices(self):
        """Live service pages in this page's language, by title, then "Not sure yet"."""
        from django.apps import apps

        service_page = apps.get_model("services", "ServicePage")
        pages = (
            service_page.objects.live().filter(locale_id=self.locale_id).order_by("title").values_list("pk", "title")
        )
        return [(str(pk), title) for pk, title in pages]

    @path("")
    def request_form(self, request):
        if request.method == "POST":
            if rate_limited(request):
                response = TemplateResponse(request, "contact/rate_limited.html", self.get_context(request), status=429)
                return self._private(response)
            form = AppointmentForm(request.POST, services=self.service_choices())
            if form.has_honeypot():
                return _see_other(self.get_url(request) + self.reverse_subpage("thank_you"))
            if form.is_valid():
                spam = is_bot(form)
                with transaction.atomic():
                    appointment = form.save(language=_language(), is_spam=spam)
                    if not spam:
                        transaction.on_commit(lambda: _enqueue(appointment.pk))
                return _see_other(self.get_url(request) + self.reverse_subpage("thank_you"))
            response = self.render(request, context_overrides={"form": form})
            response.status_code = 400
            return self._private(response)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
        form = AppointmentForm(services=self.service_choices())
        return self._private(self.render(request, context_overrides={"form": form}))

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template="contact/thank_you.html")

    @staticmethod
    def _private(response):
        # The form carries a CSRF token: never kept by a shared cache or the browser.
        patch_cache_control(response, private=True, no_store=True)
        return response


def _see_other(url):
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


def _language():
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _enqueue(pk):
    enqueue_delivery(pk)
