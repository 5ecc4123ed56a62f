"""What makes a page a health page, and what that means: the reviewer and date it carries, and that nobody but a
superuser publishes it directly (an approval in the Medical review workflow does), whether by publishing, copying
with "Publish copies", aliasing or moving a live one; and that copies and translations start without a stamp.

The health page types are exactly the subclasses of MedicallyReviewedMixin, and the sections whose pages need a
review are the subclasses of HealthSectionMixin: every list of them is derived from these two types."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PagePermissionTester


class ReviewedGoesLivePermissionTester(PagePermissionTester):
    """Nothing but a superuser or an approval puts a health page live: not publishing a page into a health
    section (which is what copying with "Publish copies" and aliasing check), nor moving a live one elsewhere."""

    def can_publish_subpage(self):
        return self.user.is_active and self.user.is_superuser and super().can_publish_subpage()

    def can_move_to(self, destination):
        # Reordering within the same parent is not a move; anything else would re-home live reviewed pages.
        if not self.user.is_superuser and not self.page.is_child_of(destination) and self._live_health_pages():
            return False
        return super().can_move_to(destination)

    def _live_health_pages(self):
        pages = self.page.get_descendants(inclusive=True).live()
        return pages.type(*health_page_models()).exists()


class HealthPagePermissionTester(ReviewedGoesLivePermissionTester):
    """Nobody but a superuser publishes a health page directly: approval in its workflow publishes it."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser and not self.page_is_root


class HealthSectionPermissionTester(ReviewedGoesLivePermissionTester):
    """A health section itself is published as usual; what goes live inside it passes review."""


class MedicallyReviewedMixin(models.Model):
    """Who last reviewed a health page, and when; shown on the page and in its structured data."""

    medical_reviewer = models.ForeignKey(
        "site_core.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("medical reviewer"),
        help_text=_("Set automatically when the medical review is approved."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("Set automatically when the medical review is approved.")
    )

    # Read-only: only an approval in the "Medical review" workflow sets them (site_core.editorial.governance).
    review_panels = [
        MultiFieldPanel(
            [FieldPanel("medical_reviewer", read_only=True), FieldPanel("last_reviewed", read_only=True)],
            heading=_("Medical review"),
        )
    ]

    # A review stamp belongs to the revision a reviewer approved: a copy or a translation starts without one
    # (aliases, which mirror the approved page, only a superuser makes: site_core.editorial.copying).
    exclude_fields_in_copy = ["medical_reviewer", "last_reviewed"]

    class Meta:
        abstract = True

    def add_structured_data(self, graph):
        """Health pages tell search engines who reviewed them, and when."""
        graph.reviewed(graph.webpage)

    def permissions_for_user(self, user):
        """Health pages go live only through the Medical review workflow (site_core.editorial.governance)."""
        return HealthPagePermissionTester(user, self)


class HealthSectionMixin:
    """A section page (e.g. the services or blog index) whose pages are health pages: it gets the Medical review
    workflow when it is created (site_core.editorial.governance)."""

    def permissions_for_user(self, user):
        return HealthSectionPermissionTester(user, self)


def is_health_page_class(model):
    return model is not None and issubclass(model, MedicallyReviewedMixin)


def health_page_models():
    """Every installed health page type."""
    return [model for model in apps.get_models() if issubclass(model, MedicallyReviewedMixin)]


def health_section_models():
    """Every installed section page type whose subtree needs a medical review."""
    return [model for model in apps.get_models() if issubclass(model, HealthSectionMixin)]
