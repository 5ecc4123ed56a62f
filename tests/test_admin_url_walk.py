"""Walks every admin URL as every role: only Intake staff and superusers ever see a patient's details.

The URL list comes from the resolver, so a view a future Wagtail release (or this site) adds is walked
too; its ids are filled in from real objects seeded once for the whole module. A pattern that cannot be
filled fails the walk unless it is listed in UNFILLABLE with a reason, so nothing is skipped silently.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from site_core.editorial import governance
from tests.conftest import verify_second_factor

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

# Patterns without a name, requested at a concrete address.
UNNAMED = {"admin/test404/": "/admin/test404/", "admin/^.*/$": "/admin/no-such-admin-page/"}

# Patterns whose ids cannot be filled with a real object, name -> why (none today). Prefer seeding one.
UNFILLABLE = {}
# Requested, but last (see _walk_as).
LAST = {"wagtailadmin_logout"}

# Kwargs that depend on the pattern rather than on an object (model labels, actions, image filters).
FIXED_KWARGS = {
    "wagtail_bulk_action": {"app_label": "contact", "model_name": "appointmentrequest", "action": "delete"},
    "wagtailsettings:edit": {"app_name": "contact", "model_name": "appointmentsettings"},
    "wagtailsettings:preview_on_edit": {"app_name": "contact", "model_name": "appointmentsettings"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "wagtailimages", "model_name": "image"},
    "simple_translation:submit_snippet_translation": {"app_label": "contact", "model_name": "appointmentrequest"},
    "wagtailadmin_workflows:add_task": {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "contact", "model_name": "appointmentrequest"},
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    "wagtailadmin_pages:workflow_action": {"action_name": "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": "approve"},
    "wagtailimages:preview": {"filter_spec": "original"},
}

# Extra query strings: searches for the patient, exports, and the id lists of choosers and bulk actions.
LISTING = re.compile(r"(^|:)(list|list_results|index|index_results|choose|choose_results|search|search_results)$")


def _patterns(resolver=None, prefix="", namespaces=(), kwargs=()):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        names = _kwarg_names(pattern.pattern)
        if isinstance(pattern, URLResolver):
            spaces = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _patterns(pattern, route, spaces, kwargs + names)
        elif isinstance(pattern, URLPattern) and route.startswith(("admin/", "^admin/")):
            name = ":".join(namespaces + (pattern.name,)) if pattern.name else None
            yield route, name, kwargs + names


def _kwarg_names(pattern):
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def admin_patterns():
    """Every URL pattern under /admin/: (route, namespaced name or None, names of its kwargs)."""
    return list(_patterns())


def _models_by_namespace():
    from django.apps import apps
    from wagtail.admin.viewsets import viewsets

    found = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is not None and viewset.name:
            found[viewset.url_namespace] = model
    return found


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


def _object_id(model, ids):
    if model._meta.label == "contact.AppointmentRequest":
        return ids["patient"].pk
    first = model._default_manager.order_by("pk").first()
    return first.pk if first is not None else None


BY_KWARG = {
    **dict.fromkeys(["page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"], "page"),
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "uploaded_file_id": "upload",
    "revision_id": "revision",
    "session_id": "session",
    "collection_id": "collection",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "redirect_id": "redirect",
    "uidb64": "uidb64",
    "token": "token",
}
NAMESPACE_MODELS = {
    "wagtailadmin_api:pages": "wagtailcore.Page",
    "wagtailadmin_api:documents": "wagtaildocs.Document",
    "wagtailadmin_api:images": "wagtailimages.Image",
    "wagtailadmin_pages": "wagtailcore.Page",
    "wagtailadmin_workflows": "wagtailcore.Workflow",
    "wagtailadmin_collections": "wagtailcore.Collection",
    "wagtailsettings": "wagtailcore.Site",  # a site's settings are addressed by the site's id
}
TASK_VIEWS = {"wagtailadmin_workflows:edit_task", "wagtailadmin_workflows:disable_task"}
TASK_VIEWS |= {"wagtailadmin_workflows:enable_task"}


def fill(name, kwarg_names, ids, models):
    """The kwargs for one pattern, or raise LookupError naming what could not be filled."""
    from django.apps import apps

    kwargs = dict(FIXED_KWARGS.get(name, {}))
    namespace = name.rsplit(":", 1)[0] if ":" in name else ""
    for key in kwarg_names:
        if key in kwargs:
            continue
        if key in BY_KWARG:
            kwargs[key] = ids[BY_KWARG[key]]
        elif key in ("content_type_app_name", "content_type_model_name"):
            kwargs[key] = ids["page_type"][key == "content_type_model_name"]
        elif key in ("app_label", "app_name") and name == "wagtailadmin_pages:choose_parent":
            kwargs[key] = ids["page_type"][0]
        elif key == "model_name" and name == "wagtailadmin_pages:choose_parent":
            kwargs[key] = ids["page_type"][1]
        elif key == "revision_id_a":
            kwargs[key] = "earliest"
        elif key == "revision_id_b":
            kwargs[key] = "latest"
        elif key in ("pk", "object_id"):
            if name in TASK_VIEWS:
                kwargs[key] = ids["task"]
                continue
            if FIXED_KWARGS.get(name, {}).get("model_name") == "appointmentrequest":
                kwargs[key] = ids["patient"].pk
                continue
            model = models.get(namespace)
            if model is None and namespace in NAMESPACE_MODELS:
                model = apps.get_model(NAMESPACE_MODELS[namespace])
            object_id = _object_id(model, ids) if model is not None else None
            if object_id is None:
                raise LookupError(f"{key}: no model or no object for namespace {namespace!r}")
            kwargs[key] = object_id
        else:
            raise LookupError(f"{key}: no rule to fill it")
    return kwargs


def queries(name, kwargs_for_chosen):
    """The query strings to request a URL with: none, plus a search for the patient on listings, exports on
    model listings, and an id on choosers' and bulk actions' "several chosen" views."""
    found = [""]
    if LISTING.search(name):
        # Part of the name only: a page that echoes the search box must not count as showing the patient.
        found.append("?" + urlencode({"q": PATIENT["last_name"][:-2]}))
    if name.endswith((":list", ":index")):
        found.append("?export=csv")
    if kwargs_for_chosen is not None:
        found.append(f"?id={kwargs_for_chosen}")
    return found


def _chosen_id(name, ids, models):
    """The id a "chosen-multiple" or bulk-action view is asked about: an object of the kind it chooses."""
    if name == "wagtail_bulk_action":
        return ids["patient"].pk
    if not name.endswith("chosen_multiple"):
        return None
    if name == "wagtailadmin_choose_page_chosen_multiple":
        return ids["page"]
    return fill(name.replace("chosen_multiple", "chosen"), ("pk",), ids, models)["pk"]


def walk_urls(ids):
    """(url, pattern name, route) for every admin pattern; and the patterns that could not be filled, with why."""
    models = _models_by_namespace()
    urls, unfilled = [], {}
    for route, name, kwarg_names in admin_patterns():
        if name is None:
            if route not in UNNAMED:
                unfilled[route] = "unnamed pattern: add its address to UNNAMED"
                continue
            urls.append((UNNAMED[route], route, route))
            continue
        if name in UNFILLABLE or name in LAST:
            continue
        try:
            kwargs = fill(name, kwarg_names, ids, models)
            url = reverse(name, kwargs=kwargs)
        except Exception as error:  # noqa: BLE001 - any failure is reported with the pattern
            unfilled[name] = f"{route}: {error}"
            continue
        urls += [(url + query, name, route) for query in queries(name, _chosen_id(name, ids, models))]
    return urls, unfilled


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
            urls, unfilled = walk_urls(ids)
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
