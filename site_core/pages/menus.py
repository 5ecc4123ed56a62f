"""The editable menus (main and footer, one per language) and their links."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.snippets.models import register_snippet


@register_snippet
class Menu(TranslatableMixin, ClusterableModel):
    """An editable list of links: the main menu and the footer menu, one per language."""

    LOCATIONS = [("main", _("Main menu")), ("footer", _("Footer menu"))]
    location = models.CharField(
        _("location"), max_length=20, choices=LOCATIONS, help_text=_("Where on every page this menu appears.")
    )

    panels = [FieldPanel("location"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        unique_together = [("translation_key", "locale"), ("location", "locale")]

    def __str__(self):
        return str(self.get_location_display())


class MenuItem(Orderable):
    menu = ParentalKey(Menu, related_name="items", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The page this link opens; its address follows the page if it moves."),
    )
    link_url = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Used only when no page is chosen, e.g. https://… or /path/."),
        validators=[RegexValidator(r"^(https?://|/)", _("Start with https://, http:// or /."))],
    )
    link_text = models.CharField(_("text"), max_length=60, blank=True, help_text=_("Defaults to the page's title."))

    panels = [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    @property
    def text(self):
        if self.link_text:
            return self.link_text
        return self.link_page.title if self.link_page_id else self.link_url
