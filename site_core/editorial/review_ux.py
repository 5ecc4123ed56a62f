"""The reviewer's and the editor's path through a review, without false refusals or misleading buttons.

Medical reviewers hold no page permission of their own (site_core.editorial.governance): Wagtail lets them open
a page while it waits in their task (``Task.user_can_access_editor``), but a few of its views also demand "any
page permission" first. This module owns the adjustments that make the review work for them:

- comparing revisions, the page's history and a revision's preview: Wagtail's views, minus that blanket check;
  each view's own page-level check (may edit it now, i.e. it waits for this reviewer) still applies;
- after a workflow action in the editor, someone who cannot browse the page tree returns to the dashboard
  (Wagtail sends them to the tree, which answers "you do not have permission");
- the action menu: a reviewer's main button is "Approve", then "Request changes"; the destructive
  "Cancel workflow" is never the main button.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, re_path
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.auth import require_admin_access, user_has_any_page_permission
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.models import RevisionsCompareView as GenericRevisionsCompareView
from wagtail.admin.views.generic.preview import PreviewRevision
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.pages.revisions import RevisionsCompareView, RevisionsView
from wagtail.admin.viewsets.pages import page_viewset_registry

CANCEL_WORKFLOW = "action-cancel-workflow"


class ReviewerRevisionsCompareView(RevisionsCompareView):
    """Wagtail's page comparison, open to whoever may edit the page now (its get_object checks that)."""

    def dispatch(self, request, *args, **kwargs):
        # Skip RevisionsCompareView's "any page permission" decorator, which refuses reviewers.
        return GenericRevisionsCompareView.dispatch(self, request, *args, **kwargs)


class ReviewerPageHistoryView(PageHistoryView):
    """Wagtail's page history (the comparison's breadcrumb), with the same page-level check only."""

    any_permission_required = None


class ReviewerRevisionsView(RevisionsView):
    """Wagtail's preview of one revision (linked from the history), with the same page-level check only."""

    def dispatch(self, request, *args, **kwargs):
        return PreviewRevision.dispatch(self, request, *args, **kwargs)


def _routed(view_class, page_id_kwarg, **view_kwargs):
    """A view routed as Wagtail's page router does: the page type's viewset builds `view_class`."""

    @require_admin_access
    def view(request, **kwargs):
        try:
            viewset = page_viewset_registry.get_by_page_id(kwargs[page_id_kwarg])
        except ObjectDoesNotExist as missing:
            raise Http404 from missing
        return viewset.construct_view(view_class, **view_kwargs)(request, **kwargs)

    return view


# Mounted at admin/pages/ ahead of Wagtail's own URLs (site_core.urls), with the same paths, so Wagtail's URL
# names (wagtailadmin_pages:revisions_compare, :history, :history_results, :revisions_view) lead here.
urlpatterns = [
    re_path(
        r"^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        _routed(ReviewerRevisionsCompareView, "pk"),
    ),
    path("<int:page_id>/revisions/<int:revision_id>/view/", _routed(ReviewerRevisionsView, "page_id")),
    path("<int:page_id>/history/", _routed(ReviewerPageHistoryView, "page_id")),
    path("<int:page_id>/history/results/", _routed(ReviewerPageHistoryView, "page_id", results_only=True)),
]


def return_reviewers_to_the_dashboard(request, page):
    """after_edit_page: after approving or rejecting, send those who cannot browse the page tree to the dashboard."""
    if (
        request.method == "POST"
        and request.POST.get("action-workflow-action")
        and not get_valid_next_url_from_request(request)
        and not user_has_any_page_permission(request.user)
    ):
        return redirect("wagtailadmin_home")
    return None


def order_review_actions(menu_items, request, context):
    """construct_page_action_menu: the decision first for a reviewer; never "Cancel workflow" as the main button."""
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if workflow_items:

        def rank(item):
            # "Approve" (without a comment), then "Request changes", then "Approve with comment", then the rest.
            if item.name == "approve":
                return 2 if item.launch_modal else 0
            return 1 if item.name == "reject" else 3

        others = [item for item in menu_items if not isinstance(item, WorkflowMenuItem)]
        menu_items[:] = sorted(workflow_items, key=rank) + others
    if len(menu_items) > 1 and menu_items[0].name == CANCEL_WORKFLOW:
        menu_items.append(menu_items.pop(0))
