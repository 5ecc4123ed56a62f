"""Staff at work (issue 16): the medical reviewer's and the editor's daily path through the admin.

Each role signs in with the Django test client as the clinic's staff would: an editor submits a health page,
a reviewer compares it with the live version, approves or rejects it, and each sees what they need first."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPostPage
from site_core.editorial import governance

PERMISSION_ERROR = "you do not have permission"
NEW_TITLE = "Ketamine and depression: what the newest trials show"


def member(django_user_model, group_name, username, **extra):
    user = django_user_model.objects.create_user(username, email=f"{username}@clinic.example", **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(demo, django_user_model):
    return member(django_user_model, governance.EDITORS, "editor_eva", first_name="Eva", last_name="Moss")


@pytest.fixture
def reviewer(demo, django_user_model):
    return member(django_user_model, governance.MEDICAL_REVIEWERS, "dr_rivera", first_name="Ana", last_name="Rivera")


def post_form(post, title, **actions):
    """The blog post's edit form as the browser sends it."""
    return nested_form_data(
        {
            "title": title,
            "slug": post.slug,
            "summary": post.summary or "A summary.",
            "date": "2026-01-15",
            "body": streamfield([("paragraph", rich_text("<p>A careful reading of the study.</p>"))]),
            "related_posts": inline_formset([]),
            "comments": inline_formset([]),
            **actions,
        }
    )


@pytest.fixture
def submitted(demo, editor):
    """A live post whose changed title the editor has submitted to the Medical review."""
    blog = BlogIndexPage.objects.get(locale=demo.locale)
    post = BlogPostPage.objects.child_of(blog).live().first()
    post.title = NEW_TITLE
    revision = post.save_revision(user=editor)
    post.get_workflow().start(post, editor)
    post.refresh_from_db()
    return post, revision


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Medical reviewers -----------------------------------------------------------------------------------------


def test_a_reviewer_compares_the_submitted_revision_with_the_live_version(client, submitted, reviewer):
    post, revision = submitted
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[post.pk, "live", revision.pk])
    response = client.get(url)
    assert response.status_code == 200, messages_of(response)
    html = response.content.decode()
    # The diff: the live title's words struck out beside the submitted ones.
    assert '<span class="deletion">Depression: An Integrative Approach</span>' in html
    assert '<span class="addition">depression: what the newest trials show</span>' in html


def test_a_reviewer_compares_with_the_previous_version_and_previews_the_task(client, submitted, reviewer):
    post, revision = submitted
    earlier = post.revisions.exclude(pk=revision.pk).order_by("-created_at").first()
    client.force_login(reviewer)
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[post.pk, earlier.pk, revision.pk])
    assert client.get(compare).status_code == 200
    task_state = post.current_workflow_task_state
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[post.pk, task_state.task_id])
    assert client.get(preview).status_code == 200


def test_a_reviewer_opens_the_history_and_a_revisions_preview_linked_from_the_comparison(client, submitted, reviewer):
    """Siblings of the comparison: its breadcrumb leads to the page's history, which links each revision's preview."""
    post, revision = submitted
    client.force_login(reviewer)
    history = client.get(reverse("wagtailadmin_pages:history", args=[post.pk]))
    assert history.status_code == 200, messages_of(history)
    assert client.get(reverse("wagtailadmin_pages:history_results", args=[post.pk])).status_code == 200
    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[post.pk, revision.pk]))
    assert preview.status_code == 200
    assert NEW_TITLE in preview.content.decode()


def test_the_reviewers_views_refuse_other_pages_and_answer_404_for_a_missing_one(client, submitted, reviewer, demo):
    post, revision = submitted
    other = BlogPostPage.objects.exclude(pk=post.pk).live().first() or demo
    client.force_login(reviewer)
    for url in (
        reverse("wagtailadmin_pages:history", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[other.pk, other.get_latest_revision().pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    missing = reverse("wagtailadmin_pages:revisions_compare", args=[999999, "live", "latest"])
    assert client.get(missing).status_code == 404
    assert client.get(reverse("wagtailadmin_pages:history", args=[999999])).status_code == 404


def test_a_reviewer_cannot_compare_a_page_that_is_not_waiting_for_them(client, submitted, reviewer, demo):
    post, revision = submitted
    other = BlogPostPage.objects.exclude(pk=post.pk).filter(live=True).first() or demo
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, "live", "latest"])
    response = client.get(url)
    assert response.status_code in (302, 403)
    # Once the review is over, the page is no longer theirs to open.
    post.current_workflow_state.cancel(user=post.current_workflow_state.requested_by)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[post.pk, "live", revision.pk])
    assert client.get(url).status_code in (302, 403)


def test_approve_and_publish_from_the_editor_shows_no_permission_error(client, submitted, reviewer):
    post, _ = submitted
    client.force_login(reviewer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    form = post_form(post, NEW_TITLE, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(edit_url, form, follow=True)
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.live and not post.workflow_in_progress
    assert post.title == NEW_TITLE
    shown = " ".join(messages_of(response)).lower()
    assert PERMISSION_ERROR not in shown
    assert PERMISSION_ERROR not in response.content.decode().lower()
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert any(NEW_TITLE in message for message in messages_of(response))


def test_approve_from_the_dashboard_shows_no_permission_error(client, submitted, reviewer):
    post, _ = submitted
    client.force_login(reviewer)
    task_state = TaskState.objects.get(workflow_state=post.current_workflow_state, status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "", "next": reverse("wagtailadmin_home")}, follow=True)
    post.refresh_from_db()
    assert post.live and not post.workflow_in_progress
    assert PERMISSION_ERROR not in response.content.decode().lower()


def test_the_dashboard_puts_awaiting_your_review_first(client, submitted, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="awaiting-review-section"' in html
    assert html.index('id="awaiting-review-section"') < html.index('id="medical-review-section"')


def test_approve_is_the_reviewers_main_button_and_request_changes_is_next(client, submitted, reviewer):
    post, _ = submitted
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    menu = response.context["action_menu"]
    assert menu.default_item.name == "approve"
    names = [item.name for item in menu.menu_items]
    assert names[0] == "reject"
    assert "action-save-draft" in names


def test_a_rejection_comment_reaches_the_editor_by_email(client, submitted, reviewer, editor):
    post, _ = submitted
    mail.outbox.clear()
    client.force_login(reviewer)
    task_state = TaskState.objects.get(workflow_state=post.current_workflow_state, status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "reject", task_state.pk])
    comment = "Please cite the 2024 trial and name the blood-pressure risk."
    client.post(url, {"comment": comment, "next": reverse("wagtailadmin_home")})
    post.refresh_from_db()
    assert not post.workflow_in_progress
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert len(to_editor) == 1, [m.subject for m in mail.outbox]
    assert comment in to_editor[0].body
    assert reverse("wagtailadmin_pages:edit", args=[post.pk]) in to_editor[0].body


# --- Editors --------------------------------------------------------------------------------------------------


def test_after_submitting_cancel_workflow_is_not_the_editors_main_button(client, submitted, editor):
    post, _ = submitted
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    menu = response.context["action_menu"]
    # The page is locked while it waits: the main button says so and does nothing.
    assert menu.default_item.name == "action-page-locked"
    # Still there, one click further away.
    assert "action-cancel-workflow" in [item.name for item in menu.menu_items]
