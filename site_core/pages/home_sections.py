"""The home page's sections beyond the hero: "How it works" (steps of care), the clinicians, a trust strip
of short reasons to trust the clinic, and the featured services split into conditions and treatments."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField

from site_core.pages.blocks import StepsBlock
from site_core.pages.people import practitioners


class TrustPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, help_text=_("e.g. Physician-led care"))
    text = blocks.CharBlock(required=False, max_length=200, help_text=_("One sentence; only what is true today."))

    class Meta:
        icon = "tick-inverse"


class HomeSectionsMixin(models.Model):
    how_it_works = StreamField(
        [("steps", StepsBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("how it works"),
        help_text=_("The steps of care, from the first consultation to follow-up."),
    )
    show_clinicians = models.BooleanField(
        _("show the clinicians"), default=True, help_text=_("Lists the people marked as seeing patients.")
    )
    team_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team page"),
        help_text=_("Where each clinician's name links to (their profile on this page)."),
    )
    trust_points = StreamField(
        [("point", TrustPointBlock())],
        blank=True,
        max_num=4,
        verbose_name=_("trust strip"),
        help_text=_("Up to four short, true reasons to trust the clinic, e.g. how pages are medically reviewed."),
    )

    section_panels = [
        MultiFieldPanel(
            [
                FieldPanel("how_it_works"),
                FieldPanel("show_clinicians"),
                PageChooserPanel("team_page", page_type="site_core.TeamPage"),
                FieldPanel("trust_points"),
            ],
            heading=_("More sections"),
        )
    ]

    class Meta:
        abstract = True

    def section_context(self, featured, request):
        """Featured services split by kind, and the clinicians when they are shown, with the team page's URL
        (select_related with the page, so linking the profiles costs no query)."""
        service_page = apps.get_model("services", "ServicePage")
        team = self.team_page if self.team_page_id and self.team_page.live else None
        return {
            "team_url": team.get_url(request) if team else "",
            "featured_conditions": [s for s in featured if s.kind == service_page.CONDITION],
            "featured_treatments": [s for s in featured if s.kind == service_page.TREATMENT],
            "clinicians": practitioners(request) if self.show_clinicians else [],
        }
