"""Delivery of the two emails a request causes: the staff notification and the patient's acknowledgement.

Each email is claimed before it is sent, by one conditional UPDATE (works the same on SQLite and
PostgreSQL): only the worker whose UPDATE changed the row sends it, so two workers never send the same
email. A claim expires after CLAIM_SECONDS, so a worker killed mid-send does not strand the email. A
failure is recorded on the row (attempts, last error, next attempt after a growing delay) and never
raised; `manage.py deliver_pending` and, with a queue that can defer, a scheduled retry pick it up again.
The form's contents are never logged.

The acknowledgement carries nothing the sender typed (not even the name), and one address receives at most
APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY of them: past that it is withheld (marked on the row, never retried),
so the form cannot be used to send mail to strangers. Staff still hear of every request.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Case, F, Q, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contact.records import EMAILS, AppointmentRequest, AppointmentSettings, NotificationRoute
from site_core.pages.clinic import ClinicSettings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 60 * 60


def claim_seconds():
    # Longer than one SMTP exchange can take (connect + send, each bounded by EMAIL_TIMEOUT).
    return max(60, 4 * (settings.EMAIL_TIMEOUT or 10))


def backoff(attempts):
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


# An email withheld on purpose is not due again: only the acknowledgement can be (daily limit per address).
WITHHELD_NOT = {"staff": Q(), "ack": Q(ack_withheld=False)}


def due(kind, now=None):
    """Q for rows whose `kind` email still needs sending now."""
    now = now or timezone.now()
    return (
        Q(is_spam=False, **{f"{kind}_sent_at__isnull": True, f"{kind}_attempts__lt": MAX_ATTEMPTS})
        & (Q(**{f"{kind}_next_attempt_at__isnull": True}) | Q(**{f"{kind}_next_attempt_at__lte": now}))
        & (Q(**{f"{kind}_claimed_until__isnull": True}) | Q(**{f"{kind}_claimed_until__lt": now}))
        & WITHHELD_NOT[kind]
    )


def claim(pk, kind, force=False):
    """Atomically take the right to send one email; True for exactly one caller."""
    now = timezone.now()
    condition = due(kind, now)
    if force:  # staff asked to resend: ignore backoff and the attempt cap, never a live claim
        condition = Q(**{f"{kind}_sent_at__isnull": True}) & (
            Q(**{f"{kind}_claimed_until__isnull": True}) | Q(**{f"{kind}_claimed_until__lt": now})
        )
    updated = AppointmentRequest.objects.filter(condition, pk=pk).update(
        **{f"{kind}_claimed_until": now + timedelta(seconds=claim_seconds())}
    )
    return updated == 1


def _record_sent(pk, kind):
    AppointmentRequest.objects.filter(pk=pk).update(
        **{
            f"{kind}_sent_at": timezone.now(),
            f"{kind}_attempts": F(f"{kind}_attempts") + 1,
            f"{kind}_last_error": "",
            f"{kind}_claimed_until": None,
            f"{kind}_next_attempt_at": None,
        }
    )


def _record_failure(appointment, kinds, exc):
    """One update for the emails that failed: this worker holds their claims, so the attempt counts read with
    the row are still current."""
    error = f"{type(exc).__name__}: {exc}"[:500]
    now = timezone.now()
    changes = {}
    for kind in kinds:
        changes[f"{kind}_attempts"] = F(f"{kind}_attempts") + 1
        changes[f"{kind}_last_error"] = error
        changes[f"{kind}_claimed_until"] = None
        changes[f"{kind}_next_attempt_at"] = now + backoff(getattr(appointment, f"{kind}_attempts") + 1)
    AppointmentRequest.objects.filter(pk=appointment.pk).update(**changes)
    # Only the type of failure and the row's number: never the patient's details.
    logger.warning(
        "Appointment request %s: %s email failed (%s)", appointment.pk, " and ".join(kinds), type(exc).__name__
    )


def site_setting(model):
    """A site setting for the default site (workers have no request to tell the site from)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    # Read only: a missing row means the defaults, and a read needs no write (nor its commit).
    return model.objects.filter(site=site).first() or model(site=site)


def staff_recipients(appointment):
    if appointment.service_page_id:
        # A route set on any language's version of the page applies to all of them; the page's own route first.
        routes = NotificationRoute.objects.filter(
            service_page__translation_key=appointment.service_page.translation_key
        ).order_by(Case(When(service_page_id=appointment.service_page_id, then=0), default=1), "pk")
        route = routes.first()
        if route and route.recipient_list:
            return route.recipient_list
    return site_setting(ClinicSettings).recipient_list


def _clinic():
    return site_setting(ClinicSettings)


def build_staff_email(appointment, connection=None):
    include = site_setting(AppointmentSettings).include_message_in_staff_email
    path = reverse("wagtailsnippets_contact_appointmentrequest:inspect", args=[appointment.pk])
    context = {
        "appointment": appointment,
        "include_message": include,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("contact/emails/staff_notification.txt", context)
    marker = "[Check: possible spam] " if appointment.spam_check else ""
    return EmailMessage(
        subject=f"{marker}New appointment request #{appointment.pk}",
        body=body,
        to=staff_recipients(appointment),
        reply_to=[appointment.email],
        connection=connection,
    )


def build_acknowledgement(appointment, connection=None):
    clinic = _clinic()
    with translation.override(appointment.language):
        subject = str(translation.gettext("We received your appointment request"))
        body = render_to_string("contact/emails/acknowledgement.txt", {"appointment": appointment, "clinic": clinic})
    return EmailMessage(subject=subject, body=body, to=[appointment.email], connection=connection)


BUILDERS = {"staff": build_staff_email, "ack": build_acknowledgement}


def acknowledgement_allowed(appointment):
    """False once the address has had its daily share of acknowledgements (counted over the last 24 hours)."""
    since = timezone.now() - timedelta(days=1)
    sent = AppointmentRequest.objects.filter(email__iexact=appointment.email, ack_sent_at__gte=since).count()
    return sent < settings.APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY


def _withhold_acknowledgement(pk):
    AppointmentRequest.objects.filter(pk=pk).update(ack_withheld=True, ack_claimed_until=None)


def deliver(pk, force=False):
    """Send whichever of the request's emails are due and unclaimed. Returns the kinds sent."""
    with transaction.atomic():  # both claims in one commit
        claimed = [kind for kind in EMAILS if claim(pk, kind, force=force)]
    if not claimed:
        return []
    appointment = AppointmentRequest.objects.get(pk=pk)
    if "ack" in claimed and not acknowledgement_allowed(appointment):
        _withhold_acknowledgement(pk)
        claimed.remove("ack")
        if not claimed:
            return []
    sent = []
    connection = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
    try:
        # One connection for both emails: an unreachable or silent server costs one timeout, not two.
        connection.open()
    except Exception as exc:
        _record_failure(appointment, claimed, exc)
        return sent
    try:
        for kind in claimed:
            try:
                message = BUILDERS[kind](appointment, connection=connection)
                if not message.to:
                    raise ValueError("no recipients configured")
                message.send()
            except Exception as exc:
                _record_failure(appointment, [kind], exc)
            else:
                _record_sent(pk, kind)
                sent.append(kind)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: S110 - a failed QUIT changes nothing already sent
            pass
    return sent


def retry_now():
    """Make every unsent email due at once (after the mail server is fixed), keeping the attempt cap."""
    for kind in EMAILS:
        AppointmentRequest.objects.filter(is_spam=False, **{f"{kind}_sent_at__isnull": True}).update(
            **{f"{kind}_next_attempt_at": None}
        )


def pending_ids(limit=500):
    due_any = due("staff") | due("ack")
    return list(AppointmentRequest.objects.filter(due_any).order_by("created_at").values_list("pk", flat=True)[:limit])


def next_retry(pk):
    """When a failed email of this request may next be tried, or None when nothing is left to retry."""
    row = AppointmentRequest.objects.filter(pk=pk, is_spam=False).first()
    if row is None:
        return None
    times = [
        getattr(row, f"{kind}_next_attempt_at")
        for kind in EMAILS
        if getattr(row, f"{kind}_sent_at") is None and getattr(row, f"{kind}_attempts") < MAX_ATTEMPTS
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None
