"""Editorial governance: who may do what, the medical review, the re-review panel and previews."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Task, TaskState, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPostPage
from services.models import ServiceIndexPage, ServicePage
from site_core.editorial import governance
from site_core.editorial.dashboard import months_before, pages_due_for_review
from site_core.editorial.review import health_section_models
from site_core.models import ClinicSettings, Person, StandardPage
from tests.conftest import verify_second_factor

ROLES = [
    governance.EDITORS,
    governance.MEDICAL_REVIEWERS,
    governance.PUBLISHERS,
    governance.INTAKE_STAFF,
    governance.ADMINISTRATORS,
]


def make_user(django_user_model, group_name, username=None, **extra):
    user = django_user_model.objects.create_user(username or group_name.lower().replace(" ", "_"), **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def signed_in(client, user):
    client.force_login(user)
    if user.groups.filter(name__in=[governance.ADMINISTRATORS, governance.INTAKE_STAFF]).exists():
        verify_second_factor(client, user)
    return client


@pytest.fixture
def pages(demo):
    services = ServiceIndexPage.objects.get(locale=demo.locale)
    blog = BlogIndexPage.objects.get(locale=demo.locale)
    return {
        "home": demo,
        "services": services,
        "blog": blog,
        "condition": ServicePage.objects.child_of(services).get(slug="depression"),
        "post": BlogPostPage.objects.child_of(blog).first(),
        "standard": StandardPage.objects.child_of(demo).get(slug="about"),
    }


@pytest.fixture
def users(demo, django_user_model):
    return {name: make_user(django_user_model, name) for name in ROLES}


def allowed(response):
    """200 means the view opened; Wagtail answers a refusal with a redirect (302) or 403."""
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200


# --- The groups and workflows exist as the migration made them ----------------------------------------------


def test_the_migration_created_the_groups_and_removed_wagtails_moderators(db):
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name="Moderators").exists()
    review = Workflow.objects.get(name=governance.MEDICAL_REVIEW)
    task = review.workflow_tasks.get().task.specific
    assert list(task.groups.values_list("name", flat=True)) == [governance.MEDICAL_REVIEWERS]


def test_review_workflow_covers_services_and_blog_in_every_language(pages):
    for model in (ServiceIndexPage, BlogIndexPage):
        for section in model.objects.all():
            assert section.get_workflow().name == governance.MEDICAL_REVIEW
    assert pages["condition"].get_workflow().name == governance.MEDICAL_REVIEW
    assert pages["post"].get_workflow().name == governance.MEDICAL_REVIEW
    # Pages outside the health sections get a Publisher's approval instead.
    assert pages["standard"].get_workflow().name == governance.PUBLISHER_APPROVAL


def test_running_governance_again_keeps_what_an_administrator_added(db):
    editors = Group.objects.get(name=governance.EDITORS)
    from django.contrib.auth.models import Permission

    extra = Permission.objects.get(codename="add_menu")
    editors.permissions.add(extra)
    governance.ensure_governance()
    assert editors.permissions.filter(pk=extra.pk).exists()
    assert Group.objects.filter(name=governance.EDITORS).count() == 1
    assert WorkflowPage.objects.filter(workflow__name=governance.MEDICAL_REVIEW).count() == sum(
        model.objects.count() for model in health_section_models()
    )


def test_a_new_section_gets_the_review_workflow(pages):
    WorkflowPage.objects.filter(page=pages["blog"]).delete()
    pages["blog"].save()  # not created: an existing section whose workflow an administrator removed stays so
    assert not WorkflowPage.objects.filter(page=pages["blog"]).exists()
    copy = pages["blog"].copy(update_attrs={"slug": "journal", "title": "Journal"}, keep_live=False)
    assert WorkflowPage.objects.get(page=copy).workflow.name == governance.MEDICAL_REVIEW


# --- The permission matrix -----------------------------------------------------------------------------------

# What each group may do: create and edit a condition page and a post, publish them directly, approve
# them in the medical review, see appointment requests, edit the clinic settings.
MATRIX = {
    governance.EDITORS: dict(create=True, edit=True, publish=False, approve=False, requests=False, settings=False),
    governance.MEDICAL_REVIEWERS: dict(
        create=False, edit=False, publish=False, approve=True, requests=False, settings=False
    ),
    governance.PUBLISHERS: dict(create=True, edit=True, publish=False, approve=False, requests=False, settings=False),
    governance.INTAKE_STAFF: dict(
        create=False, edit=False, publish=False, approve=False, requests=True, settings=False
    ),
    governance.ADMINISTRATORS: dict(
        create=False, edit=False, publish=False, approve=False, requests=False, settings=True
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, client, pages, users):
    user = users[role]
    expected = MATRIX[role]
    signed_in(client, user)
    task = Task.objects.get(name=governance.MEDICAL_REVIEW).specific

    for parent, app_label, model, page in (
        (pages["services"], "services", "servicepage", pages["condition"]),
        (pages["blog"], "blog", "blogpostpage", pages["post"]),
    ):
        add_url = reverse("wagtailadmin_pages:add", args=[app_label, model, parent.pk])
        assert allowed(client.get(add_url)) is expected["create"], (role, model, "create")
        assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))) is expected["edit"], (
            role,
            model,
            "edit",
        )
        tester = page.permissions_for_user(user)
        assert tester.can_publish() is expected["publish"], (role, model, "publish")
        assert bool(task.get_actions(page, user)) is expected["approve"], (role, model, "approve")
        assert not tester.can_unschedule(), (role, model, "unschedule")

    assert user.has_perm("contact.view_appointmentrequest") is expected["requests"], (role, "requests")
    requests_url = reverse("wagtailsnippets_contact_appointmentrequest:index")
    assert allowed(client.get(requests_url)) is expected["requests"], (role, "request list")
    assert user.has_perm("contact.change_appointmentrequest") is expected["requests"]
    site = pages["home"].get_site()
    settings_url = reverse("wagtailsettings:edit", args=["site_core", "clinicsettings", site.pk])
    assert allowed(client.get(settings_url)) is expected["settings"], (role, "settings")
    assert user.has_perm("site_core.change_clinicsettings") is expected["settings"]


def test_only_publishers_publish_pages_outside_health_sections(pages, users):
    for role in ROLES:
        can = pages["standard"].permissions_for_user(users[role]).can_publish()
        assert can is (role == governance.PUBLISHERS), role


def test_the_editor_offers_publishers_no_publish_button_on_a_health_page(client, pages, users):
    signed_in(client, users[governance.PUBLISHERS])
    health = client.get(reverse("wagtailadmin_pages:edit", args=[pages["condition"].pk])).content
    other = client.get(reverse("wagtailadmin_pages:edit", args=[pages["standard"].pk])).content
    assert b'name="action-publish"' not in health
    assert b'name="action-submit"' in health
    assert b'name="action-publish"' in other


def test_superusers_may_still_publish_health_pages(pages, django_user_model):
    boss = django_user_model.objects.create_superuser("chief", "c@example.com", "a-long-test-password-1")
    assert pages["condition"].permissions_for_user(boss).can_publish()


def test_publishers_manage_menus_redirects_and_images(users):
    publisher = users[governance.PUBLISHERS]
    for perm in ("site_core.change_menu", "wagtailredirects.add_redirect", "wagtailimages.add_image"):
        assert publisher.has_perm(perm), perm
    for role in (governance.EDITORS, governance.MEDICAL_REVIEWERS, governance.INTAKE_STAFF):
        assert not users[role].has_perm("site_core.change_menu"), role
        assert not users[role].has_perm("wagtailredirects.add_redirect"), role


def test_editors_and_publishers_translate_pages(client, pages, users):
    for role in (governance.EDITORS, governance.PUBLISHERS):
        assert users[role].has_perm("simple_translation.submit_translation"), role
    for role in (governance.MEDICAL_REVIEWERS, governance.INTAKE_STAFF):
        assert not users[role].has_perm("simple_translation.submit_translation"), role
    url = f"/admin/translation/submit/page/{pages['standard'].pk}/"
    assert allowed(signed_in(client, users[governance.EDITORS]).get(url))
    client.logout()
    assert not allowed(signed_in(client, users[governance.INTAKE_STAFF]).get(url))


def test_administrators_manage_users_and_routing_rules(users):
    admin = users[governance.ADMINISTRATORS]
    assert admin.has_perm("auth.change_user")
    assert admin.has_perm("contact.change_notificationroute")
    for role in (governance.EDITORS, governance.PUBLISHERS, governance.INTAKE_STAFF):
        assert not users[role].has_perm("auth.change_user"), role
        assert not users[role].has_perm("contact.change_notificationroute"), role


def test_intake_staff_edit_no_page_and_reach_the_admin(client, pages, users):
    signed_in(client, users[governance.INTAKE_STAFF])
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    for page in pages.values():
        assert not page.permissions_for_user(users[governance.INTAKE_STAFF]).can_edit()


def test_a_publisher_cannot_publish_a_new_health_page_from_the_create_form(client, pages, users):
    signed_in(client, users[governance.PUBLISHERS])
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", pages["blog"].pk])
    form = client.get(url)
    assert b'name="action-publish"' not in form.content
    assert b'name="action-submit"' in form.content
    response = client.post(url, post_form_data("Sneaked past review", "action-publish"))
    assert response.status_code in (302, 403)
    assert not BlogPostPage.objects.filter(title="Sneaked past review", live=True).exists()


# --- The medical review, end to end ----------------------------------------------------------------------------


def post_form_data(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "new-research-on-ketamine",
            "summary": "What a new study says, and what it does not.",
            "date": "2026-01-15",
            "body": streamfield([("paragraph", rich_text("<p>A careful reading of the study.</p>"))]),
            "related_posts": inline_formset([]),
            "comments": inline_formset([]),
            action: "1",
        }
    )


def test_a_submitted_post_stays_unpublished_until_a_medical_reviewer_approves(client, pages, users, django_user_model):
    editor = users[governance.EDITORS]
    reviewer = make_user(
        django_user_model, governance.MEDICAL_REVIEWERS, "dr_rivera", first_name="Ana", last_name="Rivera"
    )
    person = Person.objects.create(name="Dr. Ana Rivera", credentials="MD", user=reviewer)

    signed_in(client, editor)
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", pages["blog"].pk])
    response = client.post(url, post_form_data("New research on ketamine", "action-submit"))
    assert response.status_code == 302
    post = BlogPostPage.objects.get(slug="new-research-on-ketamine")
    assert not post.live
    assert post.workflow_in_progress
    assert post.get_workflow().name == governance.MEDICAL_REVIEW
    client.logout()
    assert client.get("/blog/new-research-on-ketamine/").status_code == 404

    # The editor cannot approve their own submission; the reviewer can.
    task_state = TaskState.objects.get(workflow_state=post.current_workflow_state, status="in_progress")
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    signed_in(client, editor)
    client.post(approve_url, {"comment": ""})
    post.refresh_from_db()
    assert not post.live
    client.logout()

    signed_in(client, reviewer)
    # The reviewer opens the page in the editor only while it waits for them.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[post.pk])).status_code == 200
    response = client.post(approve_url, {"comment": "Accurate and balanced."})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    today = timezone.localdate()
    assert post.live
    assert post.medical_reviewer == person
    assert post.last_reviewed == today
    # The next draft starts from the approved revision, so it keeps the stamp.
    assert post.get_latest_revision_as_object().medical_reviewer_id == person.pk
    client.logout()

    page = client.get("/blog/new-research-on-ketamine/")
    assert page.status_code == 200
    assert "Medically reviewed by Dr. Ana Rivera, MD" in page.content.decode()


def test_a_reviewer_without_a_person_is_named_by_their_account(pages, django_user_model):
    reviewer = make_user(django_user_model, governance.MEDICAL_REVIEWERS, "drlee", first_name="Sam", last_name="Lee")
    page = pages["condition"]
    revision = page.save_revision()
    state = page.get_workflow().start(page, users_editor(django_user_model))
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert page.live_revision_id == revision.pk
    assert page.medical_reviewer.name == "Sam Lee"
    assert page.medical_reviewer.user == reviewer


def users_editor(django_user_model):
    return make_user(django_user_model, governance.EDITORS, "another_editor")


def test_rejection_publishes_nothing(pages, django_user_model):
    reviewer = make_user(django_user_model, governance.MEDICAL_REVIEWERS, "drno")
    page = pages["condition"]
    page.title = "Depression (unreviewed change)"
    page.save_revision()
    state = page.get_workflow().start(page, users_editor(django_user_model))
    state.current_task_state.reject(user=reviewer)
    page.refresh_from_db()
    assert page.title == "Depression"
    assert page.medical_reviewer is None


def test_an_approved_scheduled_post_goes_live_at_its_date_with_the_stamp(pages, django_user_model):
    from django.core.management import call_command

    reviewer = make_user(django_user_model, governance.MEDICAL_REVIEWERS, "drlater")
    post = BlogPostPage(title="Coming soon", slug="coming-soon", summary="Soon.", body=[])
    pages["blog"].add_child(instance=post)
    post.go_live_at = timezone.now() + timedelta(hours=1)
    post.save_revision()
    post.get_workflow().start(post, users_editor(django_user_model))
    post.refresh_from_db()
    post.current_workflow_state.current_task_state.approve(user=reviewer)
    post.refresh_from_db()
    assert not post.live  # scheduled, not published

    revision = post.get_latest_revision()
    assert revision.approved_go_live_at is not None
    # The stamp travels in the scheduled revision.
    assert revision.content["medical_reviewer"] == Person.objects.get(user=reviewer).pk
    # An hour passes.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    post.refresh_from_db()
    assert post.live
    assert post.medical_reviewer.user == reviewer
    assert post.last_reviewed == timezone.localdate()


# --- Dashboard panels ------------------------------------------------------------------------------------------


def test_months_before_clamps_to_the_end_of_the_month():
    from datetime import date

    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_re_review_panel_lists_a_page_reviewed_13_months_ago_not_one_reviewed_last_month(client, pages, users):
    today = timezone.localdate()
    old, recent = pages["condition"], ServicePage.objects.get(slug="anxiety", locale=pages["home"].locale)
    ServicePage.objects.filter(pk=old.pk).update(last_reviewed=months_before(today, 13))
    ServicePage.objects.filter(pk=recent.pk).update(last_reviewed=months_before(today, 1))

    due = pages_due_for_review()
    assert old.pk in [p.pk for p in due]
    assert recent.pk not in [p.pk for p in due]

    signed_in(client, users[governance.EDITORS])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    table = html.split('class="listing listing--dashboard medical-review-due"', 1)[1].split("</table>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[old.pk]) in table
    assert reverse("wagtailadmin_pages:edit", args=[recent.pk]) not in table


def test_panel_lists_pages_waiting_for_review(client, pages, users):
    page = pages["post"]
    page.save_revision()
    page.get_workflow().start(page, users[governance.EDITORS])
    signed_in(client, users[governance.MEDICAL_REVIEWERS])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    waiting = html.split('medical-review-waiting"', 1)[1].split("</table>", 1)[0]
    assert page.title in waiting


def test_panels_show_only_to_their_groups(client, users):
    for role in ROLES:
        client.logout()
        signed_in(client, users[role])
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ('id="medical-review-section"' in html) is (
            role in (governance.EDITORS, governance.MEDICAL_REVIEWERS, governance.PUBLISHERS)
        ), role
        assert ('id="appointment-requests-section"' in html) is (role == governance.INTAKE_STAFF), role


def test_intake_panel_counts_new_requests_and_links_to_the_list(client, users):

    request_model = apps.get_model("contact", "AppointmentRequest")
    fields = dict(
        last_name="Doe",
        email="p@example.com",
        phone="(213) 555-0100",
        contact_method="phone",
        patient_kind="new",
        consented_at=timezone.now(),
    )
    request_model.objects.create(first_name="A", **fields)
    request_model.objects.create(first_name="B", **fields)
    request_model.objects.create(first_name="C", status="contacted", **fields)
    new = request_model.objects.filter(status="new").count()
    signed_in(client, users[governance.INTAKE_STAFF])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="appointment-requests-section"', 1)[1].split("</section>", 1)[0]
    assert f"{new} new requests" in " ".join(panel.split())
    assert reverse("wagtailsnippets_contact_appointmentrequest:index") in panel


# --- Previews and editor help ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        "site_core.HomePage",
        "site_core.StandardPage",
        "services.ServiceIndexPage",
        "services.ServicePage",
        "blog.BlogIndexPage",
        "blog.BlogPostPage",
        "contact.ContactPage",
        "selfcheck.SelfCheckPage",
    ],
)
def test_preview_renders_every_page_type(model, admin_client, demo):

    page = apps.get_model(model).objects.filter(locale=demo.locale).first()
    page.title = f"{page.title} (draft)"
    page.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert f"{page.title}".encode() in response.content or page.title.replace("'", "&#x27;").encode() in (
        response.content
    )


def test_unsaved_edits_preview_through_the_editor(admin_client, pages):
    page = pages["standard"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "About us, previewed",
            "slug": page.slug,
            "intro": "Unsaved intro.",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    assert admin_client.post(url, data).json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"About us, previewed" in response.content
    page.refresh_from_db()
    assert page.title == "About"


def test_every_editable_field_of_site_core_models_has_help_text():
    from site_core.models import HomePage, HomePageFeaturedService, LocationPage, Menu, MenuItem, PolicyPage, TeamPage

    own = (HomePage, StandardPage, HomePageFeaturedService, Person, Menu, MenuItem, ClinicSettings)
    own += (TeamPage, LocationPage, PolicyPage)
    inherited = {f.name for f in Page._meta.get_fields()}
    missing = [
        f"{model.__name__}.{field.name}"
        for model in own
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and field.name not in inherited
        and field.name not in ("site", "translation_key", "locale", "sort_order", "menu", "home_page")
        and not field.help_text
        and not field.name.endswith("_url")
        and field.name not in ("credentials", "role", "is_practitioner", "email", "hours", "crisis_text")
    ]
    assert missing == []


def test_image_alt_text_is_required_in_the_admin(admin_client, demo):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images import get_image_model

    buffer = BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 90)).save(buffer, "PNG")
    upload = SimpleUploadedFile("calm.png", buffer.getvalue(), content_type="image/png")
    before = get_image_model().objects.count()
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Calm", "file": upload, "description": ""})
    assert response.status_code == 200
    assert "Alt text" in response.content.decode()
    assert get_image_model().objects.count() == before

    image = get_image_model().objects.first()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]), {"title": image.title, "description": ""}
    )
    assert response.status_code == 200
    image.refresh_from_db()
    assert image.description
