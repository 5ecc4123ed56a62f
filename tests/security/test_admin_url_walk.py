"""Walks every admin URL as every role: only Intake staff and superusers ever see a patient's details.

The URL list comes from the resolver (tests/security/admin_urls.py), so a view a future Wagtail release (or this site)
adds is walked too; its ids are filled in from real objects seeded once for the whole module. A pattern that
cannot be filled fails the walk unless it is listed in UNFILLABLE with a reason, so nothing is skipped
silently.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from site_core.editorial import governance
from tests.conftest import verify_second_factor
from tests.security.admin_urls import LAST, UNFILLABLE, admin_patterns, walk_urls

# Each test also runs in its own transaction, nested in the module's (see `walk`).
pytestmark = pytest.mark.django_db

# A patient no demo content mentions: every one of these strings is searched for in every response.
PATIENT = {
    "first_name": "Zephyrine",
    "last_name": "Quillfeather",
    "email": "zq.walk-patient@example.net",
    "phone": "(213) 555-0199",
    "message": "walk-secret-symptom-words",
}
NEEDLES = [v.encode() for v in PATIENT.values()] + [b"2135550199", b"213-555-0199"]

# Roles that must never see a patient, and the two that must (the control that the needles can be found).
BLIND_ROLES = [governance.EDITORS, governance.MEDICAL_REVIEWERS, governance.PUBLISHERS, governance.ADMINISTRATORS]
BLIND_ROLES += ["plain staff"]


def _seed():
    """The objects every walked URL points at; returns the ids by kind and the clients by role."""
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.log_actions import log
    from wagtail.models import Collection, UploadedFile

    from contact.models import AppointmentRequest, NotificationRoute
    from services.models import ServiceIndexPage, ServicePage

    User = get_user_model()
    if not ServicePage.objects.exists():  # a transactional test before this module flushed the demo
        from demo.loader import load

        load()
    service = ServicePage.objects.live().filter(locale__language_code="en").first()
    patient = AppointmentRequest.objects.create(
        **PATIENT,
        contact_method="phone",
        patient_kind="new",
        service_title=service.title,
        service_page=service,
        consented_at=timezone.now(),
    )
    # The page the page views are walked with: the services section, in "Medical review" like its pages
    # and lighter to render than a service page (the walk requests it many times).
    page = ServiceIndexPage.objects.filter(locale__language_code="en").first()
    superuser = User.objects.create_superuser("walk-super", "walk-super@example.com", "a-long-test-password-1")
    # The request's history carries its label: a status change as staff would make it.
    log(patient, "wagtail.edit", user=superuser)
    NotificationRoute.objects.get_or_create(service_page=service, defaults={"recipients": "care@example.com"})
    Redirect.objects.create(old_path="/walk-old", redirect_link="/")
    # Named, not written: the rows are rolled back, files on disk would stay.
    document = Document.objects.create(title="Walk leaflet", file="documents/walk-leaflet.txt", file_size=7)
    image = Image.objects.order_by("pk").first()
    from django.contrib.contenttypes.models import ContentType

    request_type = ContentType.objects.get_for_model(AppointmentRequest)
    session = EditingSession.objects.create(
        user=superuser, content_type=request_type, object_id=str(patient.pk), last_seen_at=timezone.now()
    )
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(Image), file="wagtail_uploads/walk.png"
    )

    # A page waiting in the "Medical review" workflow: the workflow views need its states.
    editor = User.objects.create_user("walk-author", "walk-author@example.com", "a-long-test-password-1")
    revision = page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)

    ids = {
        "patient": patient,
        "page": page.pk,
        "page_type": (page._meta.app_label, page._meta.model_name),
        "revision": revision.pk,
        "image": image.pk,
        "document": document.pk,
        "upload": upload.pk,
        "session": session.pk,
        "collection": Collection.get_first_root_node().pk,
        "workflow_state": workflow_state.pk,
        "task_state": workflow_state.current_task_state.pk,
        "task": workflow_state.current_task_state.task_id,
        "workflow": workflow_state.workflow_id,
        "redirect": Redirect.objects.get(old_path="/walk-old").pk,
        # A real password-reset link (the author's), as the emailed one would be.
        "uidb64": urlsafe_base64_encode(force_bytes(editor.pk)),
        "token": default_token_generator.make_token(editor),
    }
    clients = {"superuser": _client(superuser)}
    for role in [*governance.GROUPS, "plain staff"]:
        user = User.objects.create_user(f"walk-{role}".replace(" ", "-"), "", "a-long-test-password-1")
        if role == "plain staff":
            group = Group.objects.create(name="walk plain staff")
            group.permissions.add(Permission.objects.get(codename="access_admin"))
        else:
            group = Group.objects.get(name=role)
        user.groups.add(group)
        clients[role] = _client(user)
    return ids, clients


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    verify_second_factor(client, user)  # harmless for the groups that need no second factor
    return client


def leaks(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [needle.decode() for needle in NEEDLES if needle in body]


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    """One seeding for every role's walk, rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ids, clients = _seed()
            # Part of the name only: a page that echoes the search box must not count as showing the patient.
            urls, unfilled = walk_urls(ids, search=PATIENT["last_name"][:-2])
            # Image renditions (thumbnails, the page's pictures) made once for all the walks, not once in
            # each walk's own transaction.
            for url, name, _route in urls:
                if name.startswith(("wagtailimages", "wagtailadmin_api:images", "wagtailadmin_pages:view_draft")):
                    clients["superuser"].get(url)
            yield {
                "ids": ids,
                "clients": clients,
                "urls": urls,
                "unfilled": unfilled,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _walk_as(walk, role):
    """GETs every URL as this role: (where patient data showed, server errors); the session is checked intact."""
    client = walk["clients"][role]
    found, errors = [], []
    for url, name, _route in walk["urls"]:
        response = client.get(url)
        if response.status_code >= 500 and name != "wagtailadmin_error_test":  # that view raises on purpose
            errors.append(f"{response.status_code} {url}")
        if leaked := leaks(response):
            found.append(f"{url} ({name}): {', '.join(leaked)}")
    # A walk that lost its session part-way would prove nothing: it is still signed in at the end.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200, f"{role} was signed out during the walk"
    # Signing out last: Wagtail's logout view answers GET with 405 but drops the session cookie all the same.
    response = client.get(reverse("wagtailadmin_logout"))
    if leaked := leaks(response):
        found.append(f"logout: {', '.join(leaked)}")
    return found, errors


def test_every_admin_pattern_is_walked(walk):
    assert walk["unfilled"] == {}, "admin URL patterns the walk cannot fill: seed an object or list them"
    walked = {route for _url, _name, route in walk["urls"]}
    left_out = {route for route, name, _kwargs in admin_patterns() if name in UNFILLABLE or name in LAST}
    assert walked | left_out == {route for route, _name, _kwargs in admin_patterns()}
    names = {name for _url, name, _route in walk["urls"]}
    # The patient's own views are among them, so the walk covers them as well as everything else.
    assert {
        "wagtailsnippets_contact_appointmentrequest:index",
        "wagtailsnippets_contact_appointmentrequest:resend",
    } <= names


@pytest.mark.parametrize("role", BLIND_ROLES)
def test_no_admin_url_shows_a_patient_to(walk, role):
    found, errors = _walk_as(walk, role)
    if found or errors:
        pytest.fail(f"{role} sees patient data at:\n" + "\n".join(found) + "\nserver errors:\n" + "\n".join(errors))


def test_intake_staff_walk_every_url_and_find_the_patient_where_they_work(walk):
    found, errors = _walk_as(walk, governance.INTAKE_STAFF)
    assert errors == []
    shown_at = {line.split(" ", 1)[0] for line in found}
    patient = walk["ids"]["patient"].pk
    # The control: the walk's needles are found where the patient's details are meant to be.
    assert reverse("wagtailsnippets_contact_appointmentrequest:index") in shown_at
    assert reverse("wagtailsnippets_contact_appointmentrequest:inspect", args=[patient]) in shown_at


def test_superusers_see_the_patient_too(walk):
    client = walk["clients"]["superuser"]
    patient = walk["ids"]["patient"].pk
    for url in [
        reverse("wagtailsnippets_contact_appointmentrequest:index"),
        reverse("wagtailsnippets_contact_appointmentrequest:inspect", args=[patient]),
    ]:
        assert leaks(client.get(url)), url
