from django.conf import settings
from django.db import models, transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from site_core.blocks import RICH_TEXT_FEATURES
from site_core.models import BasePage

EMAILS = ("staff", "ack")


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
        from contact.forms import AppointmentForm
        from contact.spam import is_bot, rate_limited

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
    from contact.delivery import enqueue_delivery

    enqueue_delivery(pk)


class AppointmentRequest(models.Model):
    """One patient's request: what they typed, its status for staff, and the state of its two emails."""

    NEW, CONTACTED, SCHEDULED, CLOSED = "new", "contacted", "scheduled", "closed"
    STATUSES = [(NEW, _("New")), (CONTACTED, _("Contacted")), (SCHEDULED, _("Scheduled")), (CLOSED, _("Closed"))]
    PHONE, EMAIL, TEXT = "phone", "email", "text"
    CONTACT_METHODS = [(PHONE, _("Phone call")), (EMAIL, _("Email")), (TEXT, _("Text message"))]
    PATIENT_KINDS = [("new", _("New patient")), ("returning", _("Returning patient"))]

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("US number, stored as (213) 555-0100."))
    contact_method = models.CharField(_("preferred contact method"), max_length=10, choices=CONTACT_METHODS)
    best_time = models.CharField(_("best time to reach"), max_length=100, blank=True)
    service_title = models.CharField(_("service of interest"), max_length=255, blank=True)
    service_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service page"),
    )
    patient_kind = models.CharField(_("new or returning"), max_length=10, choices=PATIENT_KINDS)
    message = models.TextField(_("message"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=10, default="en")
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=NEW, db_index=True)
    is_spam = models.BooleanField(_("flagged as spam"), default=False, db_index=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    # Delivery state, one set per email: the staff notification and the patient's acknowledgement.
    staff_sent_at = models.DateTimeField(_("staff email sent"), null=True, blank=True)
    staff_attempts = models.PositiveSmallIntegerField(_("staff email attempts"), default=0)
    staff_last_error = models.CharField(_("staff email last error"), max_length=500, blank=True)
    staff_next_attempt_at = models.DateTimeField(null=True, blank=True)
    staff_claimed_until = models.DateTimeField(null=True, blank=True)
    ack_sent_at = models.DateTimeField(_("acknowledgement sent"), null=True, blank=True)
    ack_attempts = models.PositiveSmallIntegerField(_("acknowledgement attempts"), default=0)
    ack_last_error = models.CharField(_("acknowledgement last error"), max_length=500, blank=True)
    ack_next_attempt_at = models.DateTimeField(null=True, blank=True)
    ack_claimed_until = models.DateTimeField(null=True, blank=True)

    panels = [FieldPanel("status")]
    # Staff-only records: no page shows them, so saving one leaves the page cache alone (site_core.signals),
    # and Wagtail's "usage" index need not note which service page a patient asked about.
    shown_on_pages = False
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.first_name} {self.last_name}"

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def delivered(self):
        return bool(self.staff_sent_at and self.ack_sent_at)

    def delivery_state(self):
        if self.is_spam:
            return _("not sent (spam)")
        if self.delivered:
            return _("sent")
        if self.staff_last_error or self.ack_last_error:
            return _("failing, will retry")
        return _("pending")

    delivery_state.short_description = _("emails")


class NotificationRoute(models.Model):
    """Who hears about requests for one service; requests no route claims go to the clinic settings' list."""

    service_page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service page"),
        help_text=_("Requests naming this service go to the recipients below."),
    )
    recipients = models.TextField(_("recipients"), help_text=_("Email addresses, one per line."))

    panels = [PageChooserPanel("service_page", ["services.ServicePage"]), FieldPanel("recipients")]
    shown_on_pages = False  # staff-only, like AppointmentRequest

    class Meta:
        verbose_name = _("notification route")
        verbose_name_plural = _("notification routes")

    def __str__(self):
        return str(self.service_page)

    @property
    def recipient_list(self):
        return [line.strip() for line in self.recipients.replace(",", "\n").splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        for address in self.recipient_list:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"recipients": _("“%(address)s” is not an email address.") % {"address": address}}
                ) from None


@register_setting(icon="mail")
class AppointmentSettings(BaseSiteSetting):
    """What the staff notification may carry."""

    include_message_in_staff_email = models.BooleanField(
        _("include the patient's message in staff emails"),
        default=False,
        help_text=_("Off: staff emails carry only a link to the request in the admin, never what the patient wrote."),
    )

    class Meta:
        verbose_name = _("appointment emails")
