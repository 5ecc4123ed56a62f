"""Appointment requests: the form, spam defences, delivery over a real SMTP server, admin, retention."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contact import delivery
from contact.forms import STARTED_SALT
from contact.models import AppointmentRequest, AppointmentSettings, NotificationRoute

URL = "/contact/"


def started(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def service_page(title="Depression"):
    from django.apps import apps

    return apps.get_model("services", "ServicePage").objects.live().get(title=title, locale__language_code="en")


def valid_data(**overrides):
    data = {
        "first_name": "Ana",
        "last_name": "Lopez",
        "email": "ana@Example.COM",
        "phone": "+1 323-886-2273",
        "contact_method": "phone",
        "best_time": "Weekday mornings",
        "service": "unsure",
        "patient_kind": "new",
        "message": "I have had a hard winter and would like to talk.",
        "consent": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return data


def post(client, data, **extra):
    return client.post(URL, data, **extra)


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Posts a request and runs its on-commit work (the immediate task backend delivers it then)."""

    def run(client, data):
        with django_capture_on_commit_callbacks(execute=True):
            return post(client, data)

    return run


# --- The page ---


def test_form_page_lists_live_services_and_is_private(demo, client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This form is not for emergencies: call or text 988, or call 911." in html
    assert f'value="{service_page().pk}"' in html and "Not sure yet" in html
    assert 'autocomplete="given-name"' in html and 'name="csrfmiddlewaretoken"' in html
    assert "/privacy/" in html
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_unpublished_service_is_not_offered(demo, client):
    page = service_page("Anxiety")
    page.unpublish()
    assert f'value="{page.pk}"' not in client.get(URL).content.decode()


# --- A valid request, delivered over real SMTP ---


def test_valid_request_is_stored_answered_303_and_both_emails_arrive(demo, client, smtp_server, delivered):
    page = service_page()
    NotificationRoute.objects.create(service_page=page, recipients="mood@example.com\nlead@example.com")
    response = delivered(client, valid_data(service=str(page.pk)))
    assert response.status_code == 303
    assert response["Location"] == "/contact/thank-you/"

    appointment = AppointmentRequest.objects.get()
    assert (appointment.phone, appointment.email) == ("(323) 886-2273", "ana@example.com")
    assert (appointment.service_title, appointment.service_page_id, appointment.language) == (
        "Depression",
        page.pk,
        "en",
    )
    assert appointment.staff_sent_at and appointment.ack_sent_at and appointment.staff_attempts == 1

    by_recipient = {tuple(m.envelope_to): m for m in smtp_server.messages}
    assert set(by_recipient) == {("mood@example.com", "lead@example.com"), ("ana@example.com",)}
    staff = by_recipient[("mood@example.com", "lead@example.com")]
    assert staff["Subject"] == f"New appointment request #{appointment.pk}"
    assert staff["Reply-To"] == "ana@example.com"
    staff_body = staff.get_payload(decode=True).decode()
    assert "hard winter" not in staff_body
    assert f"/admin/snippets/contact/appointmentrequest/inspect/{appointment.pk}/" in staff_body
    ack = by_recipient[("ana@example.com",)].get_payload(decode=True).decode()
    assert "988" in ack and "911" in ack and "323.886.2273" in ack
    assert "Depression" not in ack and "hard winter" not in ack

    thank_you = client.get(response["Location"])
    assert thank_you.status_code == 200 and b"Ana" not in thank_you.content


def test_unrouted_service_goes_to_clinic_recipients_and_message_when_turned_on(demo, client, smtp_server, delivered):
    from wagtail.models import Site

    AppointmentSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"include_message_in_staff_email": True}
    )
    assert delivered(client, valid_data()).status_code == 303
    staff = next(m for m in smtp_server.messages if m["Subject"].startswith("New appointment"))
    assert staff.envelope_to == ["appointments@example.com"]
    assert "hard winter" in staff.get_payload(decode=True).decode()


def test_spanish_request_is_acknowledged_in_its_language(demo, client, smtp_server, delivered):
    from django.utils import translation

    response = delivered(client, valid_data())
    assert response.status_code == 303
    appointment = AppointmentRequest.objects.get()
    appointment.language = "es"
    appointment.save()
    AppointmentRequest.objects.filter(pk=appointment.pk).update(ack_sent_at=None)
    with translation.override("en"):
        assert delivery.deliver(appointment.pk) == ["ack"]
    assert len(smtp_server.messages) == 3


# --- SMTP down, then back ---


def test_smtp_down_still_303_then_deliver_pending_sends_each_email_once(demo, client, closed_smtp, delivered):
    response = delivered(client, valid_data())
    assert response.status_code == 303
    appointment = AppointmentRequest.objects.get()
    assert appointment.staff_sent_at is None and appointment.ack_sent_at is None
    assert appointment.staff_attempts == 1 and "Connection" in appointment.staff_last_error
    assert appointment.ack_last_error

    closed_smtp.start()
    call_command("deliver_pending", stdout=None)
    assert closed_smtp.messages == []  # backoff: not due yet

    AppointmentRequest.objects.update(staff_next_attempt_at=timezone.now(), ack_next_attempt_at=timezone.now())
    call_command("deliver_pending")
    call_command("deliver_pending")
    assert len(closed_smtp.messages) == 2
    appointment.refresh_from_db()
    assert appointment.delivered and appointment.staff_last_error == "" and appointment.staff_attempts == 2


def test_deliver_pending_now_skips_the_backoff_but_not_the_attempt_cap(demo, client, closed_smtp, delivered):
    assert delivered(client, valid_data()).status_code == 303
    assert delivered(client, valid_data(email="ben@example.com")).status_code == 303
    given_up = AppointmentRequest.objects.get(email="ben@example.com")
    AppointmentRequest.objects.filter(pk=given_up.pk).update(staff_attempts=delivery.MAX_ATTEMPTS)
    closed_smtp.start()
    call_command("deliver_pending", "--now", stdout=None)
    # Both of Ana's emails and Ben's acknowledgement; Ben's staff email has used up its attempts.
    recipients = sorted(tuple(m.envelope_to) for m in closed_smtp.messages)
    assert recipients == [("ana@example.com",), ("appointments@example.com",), ("ben@example.com",)]
    given_up.refresh_from_db()
    assert given_up.ack_sent_at is not None and given_up.staff_sent_at is None
    call_command("deliver_pending", "--now", stdout=None)
    assert len(closed_smtp.messages) == 3  # nothing twice


def test_a_request_never_enqueued_is_swept(demo, client, smtp_server):
    # on-commit callbacks not run: as if the process died after saving.
    assert post(client, valid_data()).status_code == 303
    assert smtp_server.messages == []
    call_command("deliver_pending")
    assert len(smtp_server.messages) == 2


def test_a_claimed_email_is_not_sent_by_a_second_worker(demo, client, smtp_server):
    assert post(client, valid_data()).status_code == 303
    pk = AppointmentRequest.objects.get().pk
    assert delivery.claim(pk, "staff") is True
    assert delivery.claim(pk, "staff") is False  # the other worker loses the race
    assert delivery.deliver(pk) == ["ack"]
    assert delivery.deliver(pk) == []
    assert len(smtp_server.messages) == 1
    # A claim left by a worker that died expires.
    AppointmentRequest.objects.filter(pk=pk).update(staff_claimed_until=timezone.now() - timedelta(seconds=1))
    assert delivery.deliver(pk) == ["staff"]
    assert len(smtp_server.messages) == 2


def test_hanging_smtp_server_does_not_hang_the_post(demo, client, hanging_smtp, delivered):
    response = delivered(client, valid_data())
    assert response.status_code == 303
    appointment = AppointmentRequest.objects.get()
    assert appointment.staff_sent_at is None
    assert "timed out" in appointment.staff_last_error.lower() or "timeout" in appointment.staff_last_error.lower()
    assert hanging_smtp  # the server did accept the connection


def test_each_failure_doubles_the_wait_for_both_emails(demo, client, closed_smtp, delivered):
    assert delivered(client, valid_data()).status_code == 303  # first attempt fails: next in 1 minute
    pk = AppointmentRequest.objects.get().pk
    AppointmentRequest.objects.update(staff_next_attempt_at=None, ack_next_attempt_at=None)
    before = timezone.now()
    assert delivery.deliver(pk) == []  # second attempt fails too: next in 2 minutes
    appointment = AppointmentRequest.objects.get()
    assert (appointment.staff_attempts, appointment.ack_attempts) == (2, 2)
    for due_at in (appointment.staff_next_attempt_at, appointment.ack_next_attempt_at):
        assert timedelta(seconds=119) < due_at - before < timedelta(seconds=125)
    assert appointment.staff_claimed_until is None and appointment.ack_claimed_until is None
    assert "Connection" in appointment.ack_last_error


def test_attempts_stop_at_the_cap(demo, client, closed_smtp):
    assert post(client, valid_data()).status_code == 303
    AppointmentRequest.objects.update(staff_attempts=delivery.MAX_ATTEMPTS, ack_attempts=delivery.MAX_ATTEMPTS)
    assert delivery.pending_ids() == []


# --- Bad input: a clear 4xx, nothing stored ---

BAD = {
    "empty": {},
    "too long name": valid_data(first_name="A" * 101),
    "too long message": valid_data(message="x" * 1001),
    "bad email": valid_data(email="ana@"),
    "email with header": valid_data(email="ana@example.com\r\nBcc: x@example.com"),
    "bad phone": valid_data(phone="555-1234"),
    "letters in phone": valid_data(phone="323 CALL NOW"),
    "CR/LF in name": valid_data(first_name="Ana\r\nBcc: x@example.com"),
    "LF in best time": valid_data(best_time="mornings\nSubject: hi"),
    "unknown service": valid_data(service="999999"),
    "no consent": valid_data(consent=""),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_gets_400_with_the_form_and_stores_nothing(demo, client, case):
    data = BAD[case]
    response = post(client, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert AppointmentRequest.objects.count() == 0
    if data.get("last_name"):
        assert 'value="Lopez"' in html  # what the patient typed is kept


def test_errors_sit_beside_their_fields(demo, client):
    html = post(client, valid_data(phone="12")).content.decode()
    assert 'id="id_phone_error"' in html
    assert 'aria-describedby="id_phone_error id_phone_hint"' in html
    assert 'href="#id_phone"' in html
    html = post(client, valid_data(contact_method="")).content.decode()
    assert 'href="#id_contact_method"' in html and '<fieldset id="id_contact_method"' in html


def test_phone_numbers_are_normalised(demo, client):
    for raw in ["(213) 555-0100", "213.555.0100", "12135550100", "+1 213 555 0100"]:
        assert post(client, valid_data(phone=raw)).status_code == 303
    assert set(AppointmentRequest.objects.values_list("phone", flat=True)) == {"(213) 555-0100"}


def test_non_utf8_body_gets_400(demo, client):
    response = client.generic(
        "POST", URL, b"first_name=Jos%E9", content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    assert response.status_code == 400
    assert AppointmentRequest.objects.count() == 0


def test_invalid_utf8_bytes_get_400(demo, client):
    response = client.generic(
        "POST", URL, b"first_name=%FF%FE&last_name=\xff", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert AppointmentRequest.objects.count() == 0


def test_one_megabyte_body_gets_4xx(demo, client):
    response = post(client, valid_data(message="x" * 1_000_000))
    assert 400 <= response.status_code < 500
    assert AppointmentRequest.objects.count() == 0


def test_oversized_body_gets_4xx_not_500(demo, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = post(client, valid_data(message="x" * 200_000))
    assert 400 <= response.status_code < 500
    assert AppointmentRequest.objects.count() == 0


def test_missing_csrf_token_gets_a_friendly_403(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, valid_data())
    assert response.status_code == 403
    assert b"Your form could not be sent" in response.content
    assert AppointmentRequest.objects.count() == 0


def test_with_csrf_token_the_post_is_accepted(demo):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    token = client.cookies["csrftoken"].value
    assert client.post(URL, valid_data(csrfmiddlewaretoken=token)).status_code == 303


def test_other_methods_get_405(demo, client):
    assert client.put(URL).status_code == 405


# --- Spam ---


def test_honeypot_looks_like_success_and_nothing_is_stored_or_sent(demo, client, smtp_server, delivered):
    response = delivered(client, valid_data(website="http://spam.example"))
    assert response.status_code == 303
    assert AppointmentRequest.objects.count() == 0
    assert smtp_server.messages == []


# Too fast, expired or missing start tokens, links, one-time keys: tests/contact/test_contact_reliability.py (issue 20).


def test_rate_limit_per_client_address(demo, client, settings):
    settings.APPOINTMENT_RATE_LIMIT = 2
    assert post(client, valid_data()).status_code == 303
    assert post(client, valid_data(phone="12")).status_code == 400  # a mistake does not count
    assert post(client, valid_data()).status_code == 303
    response = post(client, valid_data())
    assert response.status_code == 429
    assert b"323.886.2273" in response.content
    assert "no-store" in response["Cache-Control"]
    assert AppointmentRequest.objects.count() == 2
    # Another address has its own allowance.
    assert post(client, valid_data(), REMOTE_ADDR="10.0.0.9").status_code == 303


# --- Retention ---


def test_purge_deletes_only_old_requests_and_dry_run_deletes_nothing(demo, client, settings):
    from io import StringIO

    for _ in range(3):
        assert post(client, valid_data()).status_code == 303
    old = AppointmentRequest.objects.order_by("pk")[:2]
    AppointmentRequest.objects.filter(pk__in=[r.pk for r in old]).update(
        created_at=timezone.now() - timedelta(days=181)
    )
    AppointmentRequest.objects.filter(pk=old[1].pk).update(created_at=timezone.now() - timedelta(days=20))

    out = StringIO()
    call_command("purge_appointment_requests", "--dry-run", stdout=out)
    assert "1 request" in out.getvalue() and AppointmentRequest.objects.count() == 3
    call_command("purge_appointment_requests", stdout=StringIO())
    assert AppointmentRequest.objects.count() == 2
    call_command("purge_appointment_requests", "--days", "10", stdout=StringIO())
    assert AppointmentRequest.objects.count() == 1
