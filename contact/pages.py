"""The appointment-request page: the form, its checks, storing the request and the thank-you page.

Imports run one way: pages -> forms, spam, tasks -> delivery -> records.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from contact import spam
from contact.forms import AppointmentForm
from contact.records import AppointmentRequest
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
    schema_page_type = "ContactPage"

    class Meta:
        verbose_name = _("contact page")

    def get_meta_description(self):
        """The editor's search description, else the introduction's text, else a sentence saying what the page is for."""
        if self.search_description:
            return self.search_description
        intro = strip_tags(str(self.intro)).strip()
        if intro:
            return Truncator(intro).chars(160)
        return str(_("Request an appointment: tell us how to reach you and what you would like help with."))

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
            return self._post(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
        services = self.service_choices()
        # "Request an appointment" on a service page links here with ?service=<id>: that service is chosen.
        chosen = request.GET.get("service", "")
        initial = {"service": chosen} if chosen in dict(services) else {}
        form = AppointmentForm(services=services, initial=initial)
        return self._private(self.render(request, context_overrides={"form": form}))

    def _post(self, request):
        """Store the request once, or say why not; only the honeypot answers success with nothing stored."""
        if spam.rate_limited(request):
            response = TemplateResponse(request, "contact/rate_limited.html", self.get_context(request), status=429)
            return self._private(response)
        form = AppointmentForm(request.POST, services=self.service_choices())
        thank_you = _see_other(self.get_url(request) + self.reverse_subpage("thank_you"))
        if form.has_honeypot():
            spam.count_failed(request)
            return thank_you
        if not form.is_valid():
            spam.count_failed(request)
            return self._form(request, form, status=400)
        key = form.cleaned_data["submission_key"]
        if key and already_stored(key):  # a double click or a retry: the same answer, nothing again
            return thank_you
        verdict = spam.assess(form)
        if verdict.confirm:
            spam.count_failed(request)
            return self._form(request, form.with_fresh_token(), confirm=verdict.confirm)
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint: the other post of this form may win the insert
                    appointment = form.save(language=_language(), check=verdict.check)
            except IntegrityError:
                # Only a lost race on the key is answered as success; any other constraint is a real error.
                if key and AppointmentRequest.objects.filter(submission_key=key).exists():
                    return thank_you
                raise
            transaction.on_commit(lambda: _enqueue(appointment.pk))
        spam.count_accepted(request)
        return thank_you

    def _form(self, request, form, status=200, confirm=""):
        response = self.render(request, context_overrides={"form": form, "confirm": confirm})
        response.status_code = status
        return self._private(response)

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


def already_stored(key):
    return AppointmentRequest.objects.filter(submission_key=key).exists()


def _enqueue(pk):
    enqueue_delivery(pk)
