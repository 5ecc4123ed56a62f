"""Appointment requests in the Wagtail admin: who sees them, list, filters, detail, status, resend, export."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from contact.models import AppointmentRequest
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


@pytest.fixture
def intake_client(client, django_user_model):
    user = user_with(django_user_model, "intake", "view_appointmentrequest", "change_appointmentrequest")
    client.force_login(user)
    verify_second_factor(client, user)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    user = user_with(django_user_model, "editor")
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def test_intake_staff_see_the_menu_and_the_list(demo, intake_client):
    request = make_request()
    make_request(first_name="Bot", is_spam=True)
    assert INDEX.encode() in intake_client.get("/admin/").content
    response = intake_client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"#{request.pk} Ana Lopez" in html
    assert "Bot" not in html  # spam hidden by default
    assert "Bot" in intake_client.get(INDEX + "?is_spam=true").content.decode()
    assert f"/admin/contact/resend/{request.pk}/" in html


def test_without_permission_no_menu_and_403(demo, editor_client):
    request = make_request()
    assert INDEX.encode() not in editor_client.get("/admin/").content
    for url in [
        INDEX,
        f"{INDEX}inspect/{request.pk}/",
        f"{INDEX}edit/{request.pk}/",
        f"{INDEX}?export=csv",
        f"/admin/contact/resend/{request.pk}/",
    ]:
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/admin/" in response["Location"] and "inspect" not in response["Location"]
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


def test_detail_and_status_change(demo, intake_client):
    request = make_request()
    inspect = intake_client.get(f"{INDEX}inspect/{request.pk}/")
    assert inspect.status_code == 200 and b"ana@example.com" in inspect.content
    response = intake_client.post(f"{INDEX}edit/{request.pk}/", {"status": "scheduled"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "scheduled" and request.first_name == "Ana"


def test_resend_sends_both_emails_again(demo, intake_client, smtp_server):
    request = make_request(staff_sent_at=timezone.now(), ack_sent_at=timezone.now())
    assert intake_client.get(f"/admin/contact/resend/{request.pk}/").status_code == 200
    assert smtp_server.messages == []
    response = intake_client.post(f"/admin/contact/resend/{request.pk}/")
    assert response.status_code == 302
    assert len(smtp_server.messages) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export(demo, intake_client, fmt):
    make_request(last_name="Exported")
    make_request(last_name="Spammy", is_spam=True)
    response = intake_client.get(INDEX + f"?export={fmt}")
    assert response.status_code == 200
    assert "appointment-requests" in response["Content-Disposition"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        text = body.decode()
        assert "Exported" in text and "Spammy" not in text and "private words" not in text
    else:
        assert body[:2] == b"PK"  # a zip container: an .xlsx workbook
