"""Wagtail admin hooks of the site's shared concerns; the code they call lives in site_core.editorial."""

from django.apps import apps
from wagtail import hooks

from site_core.editorial import accounts, copying, governance, review_ux
from site_core.editorial.dashboard import AppointmentRequestsPanel, MedicalReviewPanel, in_group
from site_core.editorial.untranslated import UntranslatedPanel


@hooks.register("construct_homepage_panels")
def add_governance_panels(request, panels):
    user = request.user
    if in_group(user, governance.EDITORS, governance.MEDICAL_REVIEWERS, governance.PUBLISHERS):
        panels.append(MedicalReviewPanel())
    if in_group(user, governance.EDITORS, governance.PUBLISHERS, governance.ADMINISTRATORS):
        panels.append(UntranslatedPanel(request))  # each sees what they may fix
    try:
        request_model = apps.get_model("contact", "AppointmentRequest")
    except LookupError:
        return
    if user.has_perm("contact.view_appointmentrequest"):
        panels.append(AppointmentRequestsPanel(request_model))


hooks.register("before_create_page", governance.refuse_direct_publish_of_new_health_page)
hooks.register("construct_page_action_menu", governance.hide_publish_for_health_pages)
hooks.register("before_copy_page", copying.refuse_publishing_copies_of_health_pages)
hooks.register("before_bulk_action", accounts.refuse_bulk_action_on_accounts)
hooks.register("after_edit_page", review_ux.return_reviewers_to_the_dashboard)
hooks.register("construct_page_action_menu", review_ux.order_review_actions)
