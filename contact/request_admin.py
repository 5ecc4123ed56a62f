"""Appointment requests in the Wagtail admin: intake staff's list, detail view, status change and resend.

Requests are patients' data, so they are deliberately not a snippet: a snippet also gets a chooser, bulk
actions and other views that every signed-in admin user can reach. This viewset registers only the views
below, and every one of them first checks the intake permission (`VIEW_PERMISSION`): the list (search,
filters, CSV and Excel export), the read-only detail view with the status change, resend, history and
delete. There is no add, edit, copy or usage view.
"""

import functools
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log

from contact.intake import new_since_last_visit
from contact.records import AppointmentRequest

VIEW_PERMISSION = "contact.view_appointmentrequest"
CHANGE_PERMISSION = "contact.change_appointmentrequest"
# Spreadsheet apps run a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def intake_only(view):
    """Refuse any user without the intake permission before the view runs."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def neutralise_formula(value):
    """A text cell a spreadsheet would run as a formula, made plain text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def clinic_time(value):
    """A stored time as the clinic's staff read it: in the clinic's zone (settings.TIME_ZONE), zone named."""
    if value is None:
        return "—"
    local = timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))
    return f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"


def email_state(appointment, prefix):
    """One email's state in plain words, without the worker's internals (claims, next attempt)."""
    sent_at = getattr(appointment, f"{prefix}_sent_at")
    attempts = getattr(appointment, f"{prefix}_attempts")
    if sent_at:
        return _gettext("Sent %(time)s") % {"time": clinic_time(sent_at)}
    if appointment.is_spam:
        return _gettext("Not sent: the request looks like spam")
    if getattr(appointment, f"{prefix}_last_error"):
        return _gettext("Not sent yet: %(count)s attempts failed; it is retried automatically") % {"count": attempts}
    return _gettext("Waiting to be sent")


class AppointmentRequestFilterSet(WagtailFilterSet):
    service_title = django_filters.ChoiceFilter(label=_("Service of interest"), choices=[], empty_label=_("All"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    is_spam = django_filters.BooleanFilter(label=_("Flagged as spam"))
    spam_check = django_filters.BooleanFilter(
        label=_("check: possible spam"), field_name="spam_check", lookup_expr="gt", method="marked_for_a_check"
    )

    class Meta:
        model = AppointmentRequest
        fields = ["status", "service_title", "created_at", "spam_check", "is_spam"]

    def marked_for_a_check(self, queryset, name, value):
        return queryset.exclude(spam_check="") if value else queryset.filter(spam_check="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        titles = AppointmentRequest.objects.exclude(service_title="").values_list("service_title", flat=True)
        self.filters["service_title"].extra["choices"] = [(t, t) for t in sorted(set(titles))]

    def filter_queryset(self, queryset):
        # Spam is hidden unless asked for explicitly.
        if self.form.is_valid() and self.form.cleaned_data.get("is_spam") is None:
            queryset = queryset.filter(is_spam=False)
        return super().filter_queryset(queryset)


class RequestIndexView(generic.IndexView):
    """The list: each row's name opens the detail view; the page says how many arrived since the last visit."""

    template_name = "contact/admin/appointment_request_index.html"

    @cached_property
    def columns(self):
        return [
            Column("created_at", label=_("Received"), accessor=self.received, sort_key="created_at"),
            # The name opens the detail view; its "…" menu holds the row's other actions.
            self._get_title_column_class(TitleColumn)(
                "name", label=_("Name"), accessor="name", get_url=self.get_inspect_url, sort_key="last_name"
            ),
            Column("service_title", label=_("Service"), sort_key="service_title"),
            Column("contact_method", label=_("Contact by"), accessor="get_contact_method_display"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("delivery", label=_("Emails"), accessor="delivery_state"),
        ]

    @staticmethod
    def received(appointment):
        return clinic_time(appointment.created_at)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE_PERMISSION):
            url = reverse(AppointmentRequestViewSet.resend_url_name, args=[instance.pk])
            buttons.append(MenuItem(_("Resend emails"), url=url, icon_name="mail", priority=50))
        return buttons

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only and not self.is_export:  # refreshing results or exporting is not a visit
            count, previous = new_since_last_visit(self.request.user, self.model.objects.filter(is_spam=False))
            context.update(new_since_visit=count, last_visit=clinic_time(previous) if previous else None)
        return context


class StatusForm(forms.ModelForm):
    class Meta:
        model = AppointmentRequest
        fields = ["status"]


class RequestDetailView(generic.InspectView):
    """A request as staff read it: the patient, what they asked, consent, delivery in plain words, every time
    in the clinic's zone; the status change and "resend" are its actions. Internal fields never show."""

    template_name = "contact/admin/appointment_request_detail.html"
    page_title = _("Appointment request")

    def get_page_subtitle(self):
        return str(self.object)

    def get_field_label(self, field_name, field):
        return _("Name") if field_name == "name" else super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name)
        if field_name in ("created_at", "consented_at"):
            return clinic_time(value)
        if field_name == "language":
            return dict(settings.LANGUAGES).get(value, value)
        if field_name in ("best_time", "message", "service_title") and not value:
            return "—"
        return super().get_field_display_value(field_name, field)

    @property
    def can_change(self):
        return self.request.user.has_perm(CHANGE_PERMISSION)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_form"] = kwargs.get("status_form") or StatusForm(instance=self.object)
        context["can_change"] = self.can_change
        context["delivery"] = [
            (_("Notification to the clinic"), email_state(self.object, "staff")),
            (_("Acknowledgement to the patient"), email_state(self.object, "ack")),
        ]
        context["resend_url"] = reverse(AppointmentRequestViewSet.resend_url_name, args=[self.object.pk])
        # The header's history icon: who changed the status, and when.
        context["history_url"] = reverse(AppointmentRequestViewSet.history_url_name, args=[self.object.pk])
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_change:
            raise PermissionDenied
        form = StatusForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(status_form=form), status=400)
        if form.has_changed():
            form.save()
            log(self.object, "wagtail.edit", user=request.user)
            messages.success(
                request,
                _("Request #%(pk)s is now “%(status)s”.")
                % {
                    "pk": self.object.pk,
                    "status": self.object.get_status_display(),
                },
            )
        return redirect(request.path)


def resend_view(request, pk):
    """Send a request's emails again (confirmed by POST): clears what was sent and delivers now."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    appointment = get_object_or_404(AppointmentRequest, pk=pk)
    detail_url = reverse(AppointmentRequestViewSet.detail_url_name, args=[pk])
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
        return redirect(detail_url)
    return TemplateResponse(
        request, "contact/admin/confirm_resend.html", {"appointment": appointment, "index_url": detail_url}
    )


class AppointmentRequestViewSet(ModelViewSet):
    model = AppointmentRequest
    icon = "mail"
    menu_label = _("Appointment requests")
    menu_order = 150
    add_to_admin_menu = True
    # The addresses requests had as snippets: links in staff emails already sent (and contact.delivery) use them.
    url_prefix = "snippets/contact/appointmentrequest"
    url_namespace = "wagtailsnippets_contact_appointmentrequest"
    index_view_class = RequestIndexView
    inspect_view_class = RequestDetailView
    inspect_view_enabled = True
    # What the detail view shows; the delivery worker's fields are summed up in plain words beside these.
    inspect_view_fields = [
        "name",
        "email",
        "phone",
        "contact_method",
        "best_time",
        "patient_kind",
        "service_title",
        "message",
        "language",
        "created_at",
        "consented_at",
    ]
    copy_view_enabled = False
    add_to_reference_index = False  # nothing points at a request, and its service page is none of usage's business
    filterset_class = AppointmentRequestFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
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

    detail_url_name = f"{url_namespace}:inspect"
    resend_url_name = f"{url_namespace}:resend"
    history_url_name = f"{url_namespace}:history"

    def construct_view(self, view_class, **kwargs):
        # Every view this viewset builds, today's and any a later Wagtail adds, checks the permission first.
        return intake_only(super().construct_view(view_class, **kwargs))

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy or usage view exists: nothing may link to one. A row opens the detail view.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, usage_url_name=None, copy_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", intake_only(resend_view), name="resend"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]

    @property
    def url_finder_class(self):
        # Where the admin links a request from elsewhere (site history, log entries): its detail view.
        return type("RequestURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def on_register(self):
        super().on_register()
        # Lets shared code (the dashboard panel) find this list without importing the contact app.
        self.model.admin_viewset = self
