"""Who may do what in the admin, and how health content reaches readers.

Five groups, each with only what its work needs (README, "Editing roles"):

- Editors draft pages anywhere on the site and submit them for review; they publish nothing.
- Medical reviewers approve or reject health pages in the "Medical review" workflow; their approval is
  what publishes (or schedules) the page, and it stamps the page with the reviewer and the date.
- Publishers publish and schedule the pages that are not health pages, and manage menus, redirects,
  images, documents, people and blog categories. Health pages go live only through a medical review.
- Intake staff see and mark appointment requests, nothing else.
- Administrators change the clinic's settings, the users and the request routing rules.

Health pages are every page type with MedicallyReviewedMixin (site_core.editorial.review). The "Medical
review" workflow is assigned to every section page with HealthSectionMixin, in every language; other
pages keep Wagtail's default workflow, whose approval step belongs to Publishers here.

`ensure_governance()` builds all of this and is safe to run again. A data migration runs it once with
`reset=True` (each group gets exactly its permissions); afterwards it only adds what is missing (a model
that arrived later, a section created later), never removing what an administrator granted by hand. It
runs again after every `migrate`, at the end of the demo loader, and when a section page is created.
"""

import logging

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from site_core.editorial.review import health_section_models, is_health_page_class
from site_core.pages.people import Person

logger = logging.getLogger(__name__)

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
PUBLISHERS = "Publishers"
INTAKE_STAFF = "Intake staff"
ADMINISTRATORS = "Administrators"
GROUPS = (EDITORS, MEDICAL_REVIEWERS, PUBLISHERS, INTAKE_STAFF, ADMINISTRATORS)

MEDICAL_REVIEW = "Medical review"
PUBLISHER_APPROVAL = "Publisher approval"
# Wagtail's own first workflow, its task and its group: renamed and given to Publishers.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_MODERATORS = "Moderators"

ACCESS_ADMIN = ("wagtailadmin", "access_admin")

# Model permissions: (app label, codename). Those of an app not installed (yet) are skipped.
MODEL_PERMISSIONS = {
    EDITORS: [
        ACCESS_ADMIN,
        # "Translate" on a page: copies it into the other language as a draft, which then goes through review.
        ("simple_translation", "submit_translation"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    MEDICAL_REVIEWERS: [ACCESS_ADMIN],
    PUBLISHERS: [
        ACCESS_ADMIN,
        ("simple_translation", "submit_translation"),
        *[("wagtailimages", f"{action}_image") for action in ("add", "change", "delete", "choose")],
        *[("wagtaildocs", f"{action}_document") for action in ("add", "change", "delete", "choose")],
        *[("site_core", f"{action}_menu") for action in ("add", "change", "delete", "view")],
        *[("site_core", f"{action}_person") for action in ("add", "change", "view")],
        *[("blog", f"{action}_blogcategory") for action in ("add", "change", "view")],
        *[("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete", "view")],
    ],
    INTAKE_STAFF: [
        ACCESS_ADMIN,
        ("contact", "view_appointmentrequest"),
        ("contact", "change_appointmentrequest"),
    ],
    ADMINISTRATORS: [
        ACCESS_ADMIN,
        ("site_core", "change_clinicsettings"),
        ("contact", "change_appointmentsettings"),
        *[("auth", f"{action}_user") for action in ("add", "change", "delete", "view")],
        *[("contact", f"{action}_notificationroute") for action in ("add", "change", "delete", "view")],
    ],
}

# Image and document permissions are granted per collection; these apply to the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
    + [("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")],
    PUBLISHERS: [("wagtailimages", f"{a}_image") for a in ("add", "change", "delete", "choose")]
    + [("wagtaildocs", f"{a}_document") for a in ("add", "change", "delete", "choose")],
}

# Page permissions on the tree's root, so they cover every language's home page and all below it.
# Only HomePage may be created at the root, at most once per language, so "add" there adds nothing else.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# Apps whose permissions must exist before the groups are given them.
PERMISSION_APPS = ("auth", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "simple_translation") + (
    "site_core",
    "blog",
    "contact",
)


def _permission(apps, app_label, codename):
    permission_model = apps.get_model("auth", "Permission")
    return permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _create_permissions(apps, using):
    """Model permissions normally appear after migrate; a data migration needs them before."""
    for label in PERMISSION_APPS:
        try:
            app_config = global_apps.get_app_config(label)
        except LookupError:
            continue
        create_contenttypes(app_config, verbosity=0, using=using, apps=apps)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)


def _content_type(apps, app_label, model_name):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    return content_type_model.objects.get_or_create(app_label=app_label, model=model_name.lower())[0]


def _grant_on(apps, grant_model_name, target_field, target, groups, grants, reset):
    """Give each group its permissions on one page or collection (the tree's root): Wagtail's per-object grants."""
    grant_model = apps.get_model("wagtailcore", grant_model_name)
    if reset:
        grant_model.objects.filter(group__in=groups.values()).delete()
    if target is None:
        return
    for name, wanted in grants.items():
        for key in wanted:
            grant_model.objects.get_or_create(
                group=groups[name], permission=_permission(apps, *key), **{target_field: target}
            )


def ensure_governance(apps=global_apps, using="default", reset=False):
    """Create or complete the groups, their permissions and the two workflows. Returns the groups by name."""
    _create_permissions(apps, using)
    group_model = apps.get_model("auth", "Group")
    groups = {name: group_model.objects.get_or_create(name=name)[0] for name in GROUPS}

    for name, wanted in MODEL_PERMISSIONS.items():
        permissions = [p for p in (_permission(apps, *key) for key in wanted) if p is not None]
        if reset:
            groups[name].permissions.set(permissions)
        else:
            groups[name].permissions.add(*permissions)

    page_model = apps.get_model("wagtailcore", "Page")
    root = page_model.objects.filter(depth=1).first()
    page_grants = {name: [("wagtailcore", codename) for codename in codes] for name, codes in PAGE_PERMISSIONS.items()}
    _grant_on(apps, "GroupPagePermission", "page", root, groups, page_grants, reset)
    collection_model = apps.get_model("wagtailcore", "Collection")
    root_collection = collection_model.objects.filter(depth=1).first()
    _grant_on(apps, "GroupCollectionPermission", "collection", root_collection, groups, COLLECTION_PERMISSIONS, reset)

    _ensure_workflows(apps, groups, root, reset)
    return groups


def _approval_task(apps, name, group):
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = task_model.objects.filter(name=name).first()
    if task is None:
        task = task_model.objects.create(
            name=name, active=True, content_type=_content_type(apps, "wagtailcore", "GroupApprovalTask")
        )
    if not task.groups.exists():
        task.groups.add(group)
    return task


def _workflow(apps, name, task):
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow = workflow_model.objects.get_or_create(name=name, defaults={"active": True})[0]
    if not workflow_task_model.objects.filter(workflow=workflow).exists():
        workflow_task_model.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    return workflow


def _ensure_workflows(apps, groups, root, reset):
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    group_model = apps.get_model("auth", "Group")

    if reset:
        # Wagtail's first workflow asks its "Moderators" group, which may publish everything: the same step
        # now belongs to Publishers, and that group goes unless someone is in it.
        default = workflow_model.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
        if default is not None:
            default.name = PUBLISHER_APPROVAL
            default.save(update_fields=["name"])
            for link in apps.get_model("wagtailcore", "WorkflowTask").objects.filter(workflow=default):
                task = apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(pk=link.task_id).first()
                if task is not None and task.name == WAGTAIL_DEFAULT_WORKFLOW:
                    task.name = PUBLISHER_APPROVAL
                    task.save(update_fields=["name"])
                    task.groups.set([groups[PUBLISHERS]])
        moderators = group_model.objects.filter(name=WAGTAIL_MODERATORS).first()
        if moderators is not None and not moderators.user_set.exists():
            moderators.delete()

    # Pages outside the health sections: a Publisher's approval, on the root so every language has it.
    publisher_task = _approval_task(apps, PUBLISHER_APPROVAL, groups[PUBLISHERS])
    publisher_workflow = _workflow(apps, PUBLISHER_APPROVAL, publisher_task)
    if root is not None and not workflow_page_model.objects.filter(page=root).exists():
        workflow_page_model.objects.create(page=root, workflow=publisher_workflow)

    review_task = _approval_task(apps, MEDICAL_REVIEW, groups[MEDICAL_REVIEWERS])
    review_workflow = _workflow(apps, MEDICAL_REVIEW, review_task)
    for live_model in health_section_models():
        try:
            section_model = apps.get_model(live_model._meta.app_label, live_model.__name__)
        except LookupError:
            continue
        for section in section_model.objects.all():
            # A section an administrator gave another workflow keeps it.
            if not workflow_page_model.objects.filter(page_id=section.pk).exists():
                workflow_page_model.objects.create(page_id=section.pk, workflow=review_workflow)


def ensure_governance_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    """post_migrate: complete what the data migration could not yet (models that came later)."""
    try:
        apps.get_model("wagtailcore", "WorkflowPage")
        apps.get_model("auth", "Group")
    except LookupError:
        return  # a partial migrate that left these out
    ensure_governance(apps=apps, using=using)


def assign_review_workflow(sender, instance, created, raw=False, **kwargs):
    """post_save of a section page: a new section (e.g. a translation) gets the review workflow at once."""
    if created and not raw:
        from wagtail.models import WorkflowPage

        if not WorkflowPage.objects.filter(page_id=instance.pk).exists():
            ensure_governance()


# --- The approval stamps the reviewer and the date, then publishes ---------------------------------------


def reviewer_for(user):
    """The Person who stands for this admin user on pages; created from the user's name if missing."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        name = user.get_full_name().strip() or user.get_username()
        person = Person.objects.create(name=name, user=user)
        logger.info("Created a person for reviewer %s", user.pk)
    return person


def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: when the Medical review approves a health page, write the reviewer
    and today's date into the revision being published, so the live page and every later draft carry
    them; then publish it (or schedule it, if it has a go-live date).

    The approval itself is the permission to publish: only the task's group could approve, so the
    publish skips the approver's own publish permission (reviewers have none)."""
    revision = workflow_state.content_object.get_latest_revision()
    page = revision.content_object
    if workflow_state.workflow.name == MEDICAL_REVIEW and is_health_page_class(page.specific_class):
        approver = workflow_state.current_task_state.finished_by if workflow_state.current_task_state else user
        if approver is not None:
            revision.content["medical_reviewer"] = reviewer_for(approver).pk
            revision.content["last_reviewed"] = timezone.localdate().isoformat()
            revision.content[APPROVED_REVISION] = revision.pk
            revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)


# Marks, inside a revision's content, the revision a medical reviewer approved (no page field: a draft saved
# afterwards does not carry it, and a copied revision has another id).
APPROVED_REVISION = "approved_in_medical_review"


@receiver(page_published)
def drop_stamp_of_unreviewed_text(sender, instance, revision=None, **kwargs):
    """A health page published otherwise than by its review's approval (a superuser publishing an edit or an
    old revision directly) shows no reviewer: the stamp its draft carried belonged to an earlier text."""
    if revision is None or not is_health_page_class(sender) or revision.content.get(APPROVED_REVISION) == revision.pk:
        return
    if instance.medical_reviewer_id is None and instance.last_reviewed is None:
        return
    sender.objects.filter(pk=instance.pk).update(medical_reviewer=None, last_reviewed=None)
    instance.medical_reviewer, instance.last_reviewed = None, None
    revision.content.update(medical_reviewer=None, last_reviewed=None)
    revision.save(update_fields=["content"])


# --- Admin guards -----------------------------------------------------------------------------------------


def refuse_direct_publish_of_new_health_page(request, parent_page, page_class):
    """before_create_page: a new health page is submitted for review, not published from the create form."""
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and is_health_page_class(page_class)
        and not request.user.is_superuser
    ):
        raise PermissionDenied


def hide_publish_for_health_pages(menu_items, request, context):
    """construct_page_action_menu: no Publish button on a new health page (the edit form already has none)."""
    if context.get("view") != "create" or request.user.is_superuser or request.resolver_match is None:
        return
    kwargs = request.resolver_match.kwargs
    try:
        page_class = global_apps.get_model(kwargs["content_type_app_name"], kwargs["content_type_model_name"])
    except (KeyError, LookupError):
        return
    if is_health_page_class(page_class):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
