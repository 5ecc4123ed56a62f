"""Appointment requests and notification routes in the Wagtail admin."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contact import dashboard
from contact.records import AppointmentRequest, NotificationRoute


class AppointmentRequestFilterSet(WagtailFilterSet):
    service_title = django_filters.ChoiceFilter(label=_("Service of interest"), choices=[], empty_label=_("All"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    is_spam = django_filters.BooleanFilter(label=_("Flagged as spam"))

    class Meta:
        model = AppointmentRequest
        fields = ["status", "service_title", "created_at", "is_spam"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        titles = AppointmentRequest.objects.exclude(service_title="").values_list("service_title", flat=True)
        self.filters["service_title"].extra["choices"] = [(t, t) for t in sorted(set(titles))]

    def filter_queryset(self, queryset):
        # Spam is hidden unless asked for explicitly.
        if self.form.is_valid() and self.form.cleaned_data.get("is_spam") is None:
            queryset = queryset.filter(is_spam=False)
        return super().filter_queryset(queryset)


class AppointmentRequestViewSet(SnippetViewSet):
    model = AppointmentRequest
    icon = "mail"
    menu_label = _("Appointment requests")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["__str__", "status", "service_title", "created_at", "delivery_state"]
    list_filter = AppointmentRequestFilterSet
    filterset_class = AppointmentRequestFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
    inspect_view_enabled = True
    list_export = [
        "pk",
        "created_at",
        "status",
        "first_name",
        "last_name",
        "email",
        "phone",
        "contact_method",
        "best_time",
        "service_title",
        "patient_kind",
        "language",
        "staff_sent_at",
        "ack_sent_at",
    ]
    export_filename = "appointment-requests"
    ordering = ["-created_at"]
    copy_view_enabled = False


@hooks.register("register_admin_urls")
def register_resend_url():
    return [path("contact/resend/<int:pk>/", resend_view, name="contact_resend")]


def resend_view(request, pk):
    """Send a request's emails again (confirmed by POST): clears what was sent and delivers now."""
    if not request.user.has_perm("contact.change_appointmentrequest"):
        raise PermissionDenied
    appointment = get_object_or_404(AppointmentRequest, pk=pk)
    index_url = reverse("wagtailsnippets_contact_appointmentrequest:list")
    if request.method == "POST":
        from contact import delivery

        AppointmentRequest.objects.filter(pk=pk).update(
            staff_sent_at=None, ack_sent_at=None, staff_next_attempt_at=None, ack_next_attempt_at=None
        )
        sent = delivery.deliver(pk, force=True)
        if len(sent) == 2:
            messages.success(request, _("Request #%(pk)s: both emails sent again.") % {"pk": pk})
        else:
            messages.error(
                request,
                _("Request #%(pk)s: not every email could be sent; they will be retried.") % {"pk": pk},
            )
        return redirect(index_url)
    return TemplateResponse(
        request, "contact/admin/confirm_resend.html", {"appointment": appointment, "index_url": index_url}
    )


@hooks.register("register_snippet_listing_buttons")
def resend_button(snippet, user, next_url=None):
    if isinstance(snippet, AppointmentRequest) and user.has_perm("contact.change_appointmentrequest"):
        yield Button(_("Resend emails"), reverse("contact_resend", args=[snippet.pk]), icon_name="mail", priority=50)


register_snippet(AppointmentRequestViewSet)


class NotificationRouteViewSet(SnippetViewSet):
    model = NotificationRoute
    icon = "mail"
    menu_label = _("Notification routes")
    list_display = ["__str__", "recipients"]


register_snippet(NotificationRouteViewSet)


# The stuck-inbox panel on the dashboard (issue 20); kept in its own module.
dashboard.register()
