"""Appointment requests and notification routes in the Wagtail admin (registration; the request views live
in contact.request_admin)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contact import dashboard
from contact.records import NotificationRoute
from contact.request_admin import AppointmentRequestViewSet


@hooks.register("register_admin_viewset")
def register_appointment_requests():
    return AppointmentRequestViewSet("appointment_requests")


class NotificationRouteViewSet(SnippetViewSet):
    model = NotificationRoute
    icon = "mail"
    menu_label = _("Notification routes")
    list_display = ["__str__", "recipients"]


register_snippet(NotificationRouteViewSet)


# The stuck-inbox panel on the dashboard (issue 20); kept in its own module.
dashboard.register()
