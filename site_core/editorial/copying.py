"""Copying in the admin never puts a health page live: the guard on Wagtail's copy view.

The permission testers (site_core.editorial.review) already refuse "Publish copies" and "Alias" into a health
section. A whole section copied elsewhere with its pages is checked here, since its destination (a home page)
is one a Publisher may publish under. Copies start as drafts, without the original's review stamp
(MedicallyReviewedMixin.exclude_fields_in_copy), and go live through the Medical review like any draft."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from site_core.editorial.review import health_page_models


def refuse_publishing_copies_of_health_pages(request, page):
    """before_copy_page: no "Publish copies" or "Alias" of a tree holding a health page, but by a superuser."""
    if request.method != "POST" or request.user.is_superuser:
        return None
    if not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    if request.POST.get("copy_subpages"):
        copied = page.get_descendants(inclusive=True)
    else:
        copied = Page.objects.filter(pk=page.pk)
    if not copied.type(*health_page_models()).exists():
        return None
    messages.error(
        request,
        _("Copies of health pages start as drafts: they go live once a medical reviewer approves them."),
    )
    return redirect(request.get_full_path())
