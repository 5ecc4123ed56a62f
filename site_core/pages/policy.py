"""Policy pages (privacy notice, accessibility statement): a body an editor writes, an effective date the
clinic sets (left out while blank, never invented), and, where the page says so, how long appointment
requests are kept, read from the APPOINTMENT_RETENTION_DAYS setting so the page cannot drift from what the
site does."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from site_core.pages.blocks import body_blocks
from site_core.pages.models import BODY_HELP, BasePage


class PolicyPage(BasePage):
    intro = models.TextField(
        _("introduction"), max_length=400, blank=True, help_text=_("A sentence or two above the body.")
    )
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("The date this version takes effect, set by the clinic. Left out of the page while blank."),
    )
    states_retention = models.BooleanField(
        _("state how long requests are kept"),
        default=False,
        help_text=_("Shows how many days appointment requests are kept, from the site's retention setting."),
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"), help_text=BODY_HELP)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("states_retention")]),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    summary_field = "intro"

    class Meta:
        verbose_name = _("policy page")

    @property
    def retention_days(self):
        return settings.APPOINTMENT_RETENTION_DAYS
