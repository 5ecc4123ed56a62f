"""The admin dashboard panel that tells intake staff the inbox is stuck: requests whose staff notification has
waited longer than APPOINTMENT_DELIVERY_ALERT_MINUTES (contact.health), how many and since when."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from contact.health import waiting_deliveries


class UndeliveredRequestsPanel(Component):
    """Shown first on the dashboard, and only while some request waits."""

    name = "undelivered_requests"
    template_name = "contact/admin/undelivered_panel.html"
    order = 10

    def __init__(self, count, oldest):
        self.count, self.oldest = count, oldest

    def get_context_data(self, parent_context):
        try:
            list_url = reverse("wagtailsnippets_contact_appointmentrequest:list")
        except NoReverseMatch:
            list_url = None
        return {
            "count": self.count,
            "oldest": self.oldest,
            "list_url": list_url,
            "minutes": settings.APPOINTMENT_DELIVERY_ALERT_MINUTES,
        }


def add_undelivered_panel(request, panels):
    """Every staff member with intake access (may view appointment requests) sees it while requests wait."""
    if not request.user.has_perm("contact.view_appointmentrequest"):
        return
    count, oldest = waiting_deliveries()
    if count:
        panels.append(UndeliveredRequestsPanel(count, oldest))


def register():
    hooks.register("construct_homepage_panels", add_undelivered_panel)
