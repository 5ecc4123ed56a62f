"""The "Visit us" page: where the clinic is, when it opens and how to get there, all read from the clinic
settings (so the footer, this page and search engines agree). What the clinic has not filled is left out."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from site_core.pages.blocks import body_blocks
from site_core.pages.models import BODY_HELP, BasePage


class LocationPage(BasePage):
    """Address, opening hours in words, parking, public transport, building accessibility, an optional map
    image and a directions link (a plain OpenStreetMap link: no map script or embed loads with the page)."""

    intro = models.TextField(
        _("introduction"), max_length=400, blank=True, help_text=_("A sentence or two above the address.")
    )
    body = StreamField(
        body_blocks(), blank=True, verbose_name=_("body"), help_text=BODY_HELP + " " + _("Shown after the address.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    summary_field = "intro"
    schema_page_type = "ContactPage"  # schema.org's page type for a page of contact details

    class Meta:
        verbose_name = _("location page")
