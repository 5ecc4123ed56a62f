"""The admin dashboard's panels: health pages due for re-review, pages waiting for review, new requests."""

from datetime import date

from django.conf import settings
from django.db.models import F, Q
from django.urls import NoReverseMatch
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from site_core.editorial import governance
from site_core.editorial.review import health_page_models

PANEL_LIMIT = 20


def months_before(day, months):
    """The same day of the month `months` earlier, clamped to the month's last day (e.g. 31 March -> 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def review_cutoff(today=None):
    return months_before(today or timezone.localdate(), settings.MEDICAL_REVIEW_MAX_AGE_MONTHS)


def pages_due_for_review(today=None):
    """Live health pages never reviewed or last reviewed before the cutoff, the longest-waiting first."""
    cutoff = review_cutoff(today)
    due = []
    for model in health_page_models():
        due.extend(
            model.objects.live()
            .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
            .select_related("medical_reviewer")
            .order_by(F("last_reviewed").asc(nulls_first=True), "title")[: PANEL_LIMIT + 1]
        )
    due.sort(key=lambda page: (page.last_reviewed is not None, page.last_reviewed or date.min, page.title))
    return due


def pages_waiting_for_review():
    """Pages whose Medical review is in progress, the longest-waiting first."""
    states = (
        WorkflowState.objects.active()
        .filter(workflow__name=governance.MEDICAL_REVIEW, base_content_type=get_default_page_content_type())
        .order_by("current_task_state__started_at")
        .values_list("object_id", flat=True)
    )
    ids = [int(object_id) for object_id in states[: PANEL_LIMIT + 1]]
    pages = Page.objects.filter(pk__in=ids).in_bulk()
    return [pages[i] for i in ids if i in pages]


def in_group(user, *names):
    return user.is_superuser or user.groups.filter(name__in=names).exists()


class MedicalReviewPanel(Component):
    """Health pages due for re-review, and pages waiting in the Medical review workflow."""

    name = "medical_review"
    template_name = "site_core/panels/medical_review.html"
    # After Wagtail's "Your pages in moderation" (210) and "Awaiting your review" (220): those are the day's work.
    order = 230

    def get_context_data(self, parent_context):
        due = pages_due_for_review()
        waiting = pages_waiting_for_review()
        return {
            "due": due[:PANEL_LIMIT],
            "more_due": len(due) > PANEL_LIMIT,
            "waiting": waiting[:PANEL_LIMIT],
            "more_waiting": len(waiting) > PANEL_LIMIT,
            "max_age_months": settings.MEDICAL_REVIEW_MAX_AGE_MONTHS,
            "cutoff": review_cutoff(),
        }


class AppointmentRequestsPanel(Component):
    """How many appointment requests are new, with a link to the list."""

    name = "appointment_requests"
    template_name = "site_core/panels/appointment_requests.html"
    order = 80

    def __init__(self, model):
        self.model = model

    def get_context_data(self, parent_context):
        viewset = getattr(self.model, "admin_viewset", None)  # set by the app's viewset when registered
        try:
            list_url = viewset.menu_url if viewset else None
        except NoReverseMatch:
            list_url = None
        return {"new_count": self.model.objects.filter(status=self.model.NEW).count(), "list_url": list_url}
