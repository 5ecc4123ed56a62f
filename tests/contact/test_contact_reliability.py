"""Issue 20: a patient's request is never silently dropped, never stored twice, and someone hears about a stuck inbox.

Only the honeypot drops a post silently. An expired or missing start token asks the human to confirm; a form
sent too fast, or carrying a link, is stored visibly for intake staff and still notified. Each rendered form
carries a one-time submission key, so a double click stores one request and sends two emails in all.
"""

import re
import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.test import Client
from django.utils import timezone

from contact.models import AppointmentRequest
from tests.contact.test_contact import URL, valid_data

HOUR = 60 * 60


def rendered_form(client, at=None):
    """GET the form (at a given time, when asked) and return its hidden fields: the signed start time and key."""
    if at is None:
        html = client.get(URL).content.decode()
    else:
        with mock.patch("time.time", return_value=at):
            html = client.get(URL).content.decode()
    return hidden_fields(html)


def hidden_fields(html):
    fields = {}
    for name in ("started", "submission_key"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        assert match, f"the form has no {name} field"
        fields[name] = match.group(1)
    return fields


def staff_emails():
    return [m for m in mail.outbox if m.subject.startswith(("New appointment", "[Check"))]


def acknowledgements():
    return [m for m in mail.outbox if m.subject == "We received your appointment request"]


@pytest.fixture
def deliver_on_commit(django_capture_on_commit_callbacks):
    def run(client, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data)

    return run


# --- 1. Nothing but the honeypot is dropped silently ---


def test_a_form_posted_25_hours_after_it_was_rendered_gets_the_confirm_step_then_reaches_staff(
    demo, client, deliver_on_commit
):
    hidden = rendered_form(client, at=time.time() - 25 * HOUR)
    response = deliver_on_commit(client, valid_data(**hidden))
    # Not a success page: the filled form again, a calm note, a fresh token; nothing stored or sent yet.
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-confirm"' in html and 'value="Lopez"' in html
    fresh = hidden_fields(html)
    assert fresh["started"] != hidden["started"]
    assert AppointmentRequest.objects.count() == 0 and mail.outbox == []

    # One more click (a few seconds later) and the request reaches intake staff.
    with mock.patch("time.time", return_value=time.time() + 10):
        response = deliver_on_commit(client, valid_data(**fresh))
    assert response.status_code == 303 and response["Location"] == "/contact/thank-you/"
    appointment = AppointmentRequest.objects.get()
    assert not appointment.is_spam and appointment.staff_sent_at is not None
    assert len(staff_emails()) == 1 and len(acknowledgements()) == 1


def test_a_double_click_on_the_confirm_step_stores_one_request(demo, client, deliver_on_commit):
    hidden = rendered_form(client, at=time.time() - 25 * HOUR)
    fresh = hidden_fields(client.post(URL, valid_data(**hidden)).content.decode())
    assert fresh["submission_key"] == hidden["submission_key"]  # the same form, confirmed
    with mock.patch("time.time", return_value=time.time() + 10):
        assert deliver_on_commit(client, valid_data(**fresh)).status_code == 303
        assert deliver_on_commit(client, valid_data(**fresh)).status_code == 303
    assert AppointmentRequest.objects.count() == 1 and len(mail.outbox) == 2


@pytest.mark.parametrize("token", ["", "forged"])
def test_a_missing_or_forged_start_token_gets_the_confirm_step(demo, client, token):
    response = client.post(URL, valid_data(started=token))
    assert response.status_code == 200
    assert 'class="form-confirm"' in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_a_form_posted_1_second_after_it_was_rendered_reaches_staff_marked_for_a_check(demo, client, deliver_on_commit):
    hidden = rendered_form(client, at=time.time() - 1)
    response = deliver_on_commit(client, valid_data(**hidden))
    assert response.status_code == 303
    appointment = AppointmentRequest.objects.get()
    assert not appointment.is_spam and appointment.spam_check
    assert "check: possible spam" in str(appointment)
    (staff,) = staff_emails()
    assert staff.subject.startswith("[Check: possible spam]")
    assert "Check: possible spam" in staff.body
    # Visible in the intake list, which hides only requests marked as spam.
    assert AppointmentRequest.objects.filter(is_spam=False).count() == 1


def test_a_link_in_the_message_is_stored_marked_and_still_notified(demo, client, deliver_on_commit):
    response = deliver_on_commit(client, valid_data(message="Cheap pills at https://spam.example/buy"))
    assert response.status_code == 303
    appointment = AppointmentRequest.objects.get()
    assert "link" in appointment.spam_check
    assert len(staff_emails()) == 1


def test_the_honeypot_still_drops_silently(demo, client, deliver_on_commit):
    response = deliver_on_commit(client, valid_data(website="http://spam.example", **rendered_form(client)))
    assert response.status_code == 303
    assert AppointmentRequest.objects.count() == 0 and mail.outbox == []


# --- 2. One rendered form, one request ---


def test_each_rendered_form_carries_its_own_submission_key(demo, client):
    assert rendered_form(client)["submission_key"] != rendered_form(client)["submission_key"]


def test_the_same_form_posted_twice_stores_one_request_and_sends_two_emails(demo, client, deliver_on_commit):
    data = valid_data(submission_key=rendered_form(client)["submission_key"])
    first = deliver_on_commit(client, data)
    second = deliver_on_commit(client, data)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"] == "/contact/thank-you/"
    assert AppointmentRequest.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_post_losing_the_insert_race_answers_the_thank_you(demo, client):
    """The other server inserted the same key between this post's check and its insert."""
    data = valid_data(submission_key=rendered_form(client)["submission_key"])
    assert client.post(URL, data).status_code == 303

    with mock.patch("contact.pages.already_stored", return_value=False):
        response = client.post(URL, data)
    assert response.status_code == 303 and response["Location"] == "/contact/thank-you/"
    assert AppointmentRequest.objects.count() == 1


def test_the_submission_key_is_unique_in_the_database(demo, client):
    data = valid_data(submission_key=rendered_form(client)["submission_key"])
    assert client.post(URL, data).status_code == 303
    row = AppointmentRequest.objects.get()
    row.pk = None
    with pytest.raises(IntegrityError):
        row.save()


def test_two_concurrent_posts_of_one_form_store_one_request_and_send_two_emails(
    rebuilt_after_flush, transactional_db, demo
):
    # rebuilt_after_flush comes first, so it tears down after transactional_db's flush.
    clients = [Client(), Client()]
    data = valid_data(submission_key=rendered_form(clients[0])["submission_key"])
    barrier = threading.Barrier(2)
    statuses = []

    def post(client):
        try:
            barrier.wait()
            statuses.append(client.post(URL, data).status_code)
        finally:
            # Each thread has its own database connection, kept open (CONN_MAX_AGE) unless closed here: left
            # open, PostgreSQL refuses to drop the test database at the end of the session.
            connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert statuses == [303, 303]
    assert AppointmentRequest.objects.count() == 1
    assert len(mail.outbox) == 2  # the immediate backend delivers on commit: staff + acknowledgement, once


# --- 3. The rate limit counts accepted requests ---


def test_ten_invalid_posts_then_a_valid_one_is_accepted(demo, client, settings):
    settings.APPOINTMENT_RATE_LIMIT = 10
    for _ in range(10):
        assert client.post(URL, valid_data(phone="12")).status_code == 400
    assert client.post(URL, valid_data()).status_code == 303
    assert AppointmentRequest.objects.count() == 1


def test_accepted_requests_are_limited_and_the_429_page_keeps_the_phone(demo, client, settings):
    settings.APPOINTMENT_RATE_LIMIT = 2
    assert client.post(URL, valid_data()).status_code == 303
    assert client.post(URL, valid_data()).status_code == 303
    response = client.post(URL, valid_data())
    assert response.status_code == 429 and b"323.886.2273" in response.content
    assert AppointmentRequest.objects.count() == 2


def test_failed_posts_have_their_own_looser_limit(demo, client, settings):
    settings.APPOINTMENT_FAILED_POST_LIMIT = 3
    for _ in range(3):
        assert client.post(URL, valid_data(phone="12")).status_code == 400
    assert client.post(URL, valid_data()).status_code == 429
    assert client.post(URL, valid_data(), REMOTE_ADDR="10.0.0.9").status_code == 303


# --- 4. The acknowledgement ---


@pytest.mark.parametrize(
    "first_name", ['<a href="https://spam.example">Win</a>', "Visit https://spam.example now", "www.spam.example"]
)
def test_the_acknowledgement_never_echoes_markup_or_urls(demo, client, deliver_on_commit, first_name):
    assert deliver_on_commit(client, valid_data(first_name=first_name)).status_code == 303
    (ack,) = acknowledgements()
    assert "spam.example" not in ack.body and "<a" not in ack.body and "Win" not in ack.body
    assert "Ana" not in ack.body  # no name at all: the sender chooses it


def test_no_more_acknowledgements_than_the_daily_limit_to_one_address(demo, client, settings, deliver_on_commit):
    settings.APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY = 2
    for n in range(4):
        assert deliver_on_commit(client, valid_data(first_name=f"Ana{'a' * n}", email="ANA@example.com")).status_code
    assert len(acknowledgements()) == 2
    assert len(staff_emails()) == 4  # staff still hear of every request
    withheld = AppointmentRequest.objects.filter(ack_withheld=True)
    assert withheld.count() == 2 and all(row.delivered for row in withheld)
    call_command("deliver_pending", "--now")
    assert len(acknowledgements()) == 2  # withheld, not retried
    # The next day, one more is allowed.
    AppointmentRequest.objects.update(ack_sent_at=timezone.now() - timedelta(days=1, minutes=1))
    assert deliver_on_commit(client, valid_data(email="ana@example.com")).status_code == 303
    assert len(acknowledgements()) == 3


# --- 5. The setting's help text says what staff emails carry ---


def test_the_include_message_help_text_lists_what_staff_emails_carry():
    from contact.records import AppointmentSettings

    help_text = str(AppointmentSettings._meta.get_field("include_message_in_staff_email").help_text)
    for item in ("name", "email", "phone", "best time", "service"):
        assert item in help_text
    assert "only a link" not in help_text


# --- 6. A killed db_worker's RUNNING task row ---


def test_deliver_pending_marks_stale_running_task_rows_failed_and_delivers_their_request(demo, client):
    from django_tasks_db.models import DBTaskResult

    from contact.tasks import deliver_notifications

    assert client.post(URL, valid_data()).status_code == 303  # stored; on-commit not run: never delivered
    pk = AppointmentRequest.objects.get().pk
    common = {"args_kwargs": {"args": [pk], "kwargs": {}}, "task_path": deliver_notifications.module_path}
    common.update(backend_name="default", run_after=timezone.now(), status="RUNNING")
    stale = DBTaskResult.objects.create(**common, started_at=timezone.now() - timedelta(hours=1))
    live = DBTaskResult.objects.create(**common, started_at=timezone.now())

    call_command("deliver_pending")
    stale.refresh_from_db()
    live.refresh_from_db()
    assert stale.status == "FAILED" and stale.finished_at is not None and "worker" in stale.traceback
    assert live.status == "RUNNING"
    assert len(mail.outbox) == 2


# --- 7. Someone hears about a stuck inbox ---


def test_a_request_waiting_beyond_the_threshold_turns_the_delivery_check_503(demo, client, settings, closed_smtp):
    from django.contrib.auth.models import Group

    settings.APPOINTMENT_DELIVERY_ALERT_MINUTES = 15
    assert client.get("/healthz/deliveries/").status_code == 200
    assert client.post(URL, valid_data()).status_code == 303
    assert client.get("/healthz/deliveries/").status_code == 200  # not waiting long yet
    AppointmentRequest.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    response = client.get("/healthz/deliveries/")
    assert response.status_code == 503 and "no-cache" in response["Cache-Control"]
    assert client.get("/healthz/").status_code == 200  # the load balancer's check is unaffected

    # Every staff member with intake access sees the panel: here a member of the "Intake staff" group.
    from django.contrib.auth import get_user_model

    from site_core.editorial.governance import INTAKE_STAFF
    from tests.conftest import verify_second_factor

    intake = Group.objects.get(name=INTAKE_STAFF)
    user = get_user_model().objects.create_user("intake", "intake@example.com", "a-long-test-password-1")
    user.groups.add(intake)
    staff = Client()
    staff.force_login(user)
    verify_second_factor(staff, user)
    html = staff.get("/admin/").content.decode()
    assert 'class="undelivered-requests-count"' in html and "16\xa0minutes" in html

    # Delivered again: 200, and the panel is gone.
    AppointmentRequest.objects.update(staff_sent_at=timezone.now())
    assert client.get("/healthz/deliveries/").status_code == 200
    assert 'class="undelivered-requests-count"' not in staff.get("/admin/").content.decode()


def test_requests_marked_as_spam_do_not_alert(demo, client):
    assert client.post(URL, valid_data()).status_code == 303
    AppointmentRequest.objects.update(created_at=timezone.now() - timedelta(hours=2), is_spam=True)
    assert client.get("/healthz/deliveries/").status_code == 200


def test_the_panel_is_not_shown_without_intake_access(demo, admin_client, client, django_user_model):
    assert client.post(URL, valid_data()).status_code == 303
    AppointmentRequest.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert 'class="undelivered-requests-count"' in admin_client.get("/admin/").content.decode()
    editor = django_user_model.objects.create_user("ed", "ed@example.com", "a-long-test-password-1")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = Client()
    other.force_login(editor)
    from tests.conftest import verify_second_factor

    verify_second_factor(other, editor)
    assert 'class="undelivered-requests-count"' not in other.get("/admin/").content.decode()


# --- Issue 14: the contact form ---


def test_the_service_select_starts_blank(demo, client):
    html = client.get(URL).content.decode()
    select = re.search(r'<select name="service"[^>]*>(.*?)</select>', html, re.S).group(1)
    first = re.search(r"<option[^>]*>[^<]*</option>", select).group(0)
    assert first == '<option value="" selected>Choose a service</option>'
    assert select.count("selected") == 1  # no real service is chosen for the patient


def test_service_query_preselects_that_service(demo, client):
    from tests.contact.test_contact import service_page

    page = service_page()
    html = client.get(f"{URL}?service={page.pk}").content.decode()
    assert re.search(rf'<option value="{page.pk}" selected>', html)
    # A service that is not offered is ignored.
    assert client.get(f"{URL}?service=999999").status_code == 200


def test_service_page_buttons_preselect_their_service(demo, client):
    from tests.contact.test_contact import service_page

    page = service_page()
    html = client.get(page.url).content.decode()
    assert f'href="/contact/?service={page.pk}"' in html


def test_errors_read_as_sentences(demo, client):
    html = client.post(URL, valid_data(contact_method="", first_name="")).content.decode()
    assert "Please tell us how to contact you." in html
    assert "Please tell us your first name." in html
    assert "This field is required" not in html


def test_the_contact_page_has_a_meta_description(demo, client):
    assert re.search(r'<meta name="description" content="[^"]+">', client.get(URL).content.decode())


def test_the_thank_you_page_says_what_happens_next(demo, client):
    html = client.get("/contact/thank-you/").content.decode()
    assert html.count("Thank you") <= 1
    assert "business day" in html and "323.886.2273" in html


def test_forged_token_signed_with_another_salt_is_not_accepted(demo, client):
    token = signing.dumps(time.time() - 60, salt="something-else")
    assert client.post(URL, valid_data(started=token)).status_code == 200
    assert AppointmentRequest.objects.count() == 0
