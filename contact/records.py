"""The request records staff work with: appointment requests, their notification routes and email settings.

Nothing here imports the page, the form or delivery; they all import this.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from site_core.pages.clinic import check_email_addresses

# The two emails each request causes: the staff notification and the patient's acknowledgement.
EMAILS = ("staff", "ack")


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
    # Stored and notified like any request, but marked for intake staff (contact.spam says which signals).
    spam_check = models.CharField(
        _("check: possible spam"), max_length=200, blank=True, help_text=_("Why this request may be spam.")
    )
    # One per rendered form, unique in the database so a second post of the same form (on any app server)
    # is answered without storing it again. Empty (NULL) for posts that carried none.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
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
    # Not sent: the address had its daily share of acknowledgements (APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY).
    ack_withheld = models.BooleanField(_("acknowledgement withheld (daily limit for this address)"), default=False)

    panels = [FieldPanel("status")]
    # Staff-only records: no page shows them, so saving one leaves the page cache alone (site_core.caching.signals),
    # and Wagtail's "usage" index need not note which service page a patient asked about.
    shown_on_pages = False
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at"]

    def __str__(self):
        marker = f" ({_('check: possible spam')})" if self.spam_check else ""
        return f"#{self.pk} {self.first_name} {self.last_name}{marker}"

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def delivered(self):
        return bool(self.staff_sent_at and (self.ack_sent_at or self.ack_withheld))

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
        check_email_addresses(self.recipient_list, "recipients")


@register_setting(icon="mail")
class AppointmentSettings(BaseSiteSetting):
    """What the staff notification may carry."""

    include_message_in_staff_email = models.BooleanField(
        _("include the patient's message in staff emails"),
        default=False,
        help_text=_(
            "Staff emails always carry the patient's name, email, phone, preferred contact method, best time to "
            "reach them, the service asked about, new or returning patient, language and a link to the request "
            "in the admin (and “check: possible spam” when marked). On: the patient's message is added. Off: the "
            "message is only in the admin."
        ),
    )

    class Meta:
        verbose_name = _("appointment emails")
