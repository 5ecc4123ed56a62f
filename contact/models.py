from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from site_core.blocks import RICH_TEXT_FEATURES
from site_core.models import BasePage


class ContactPage(RoutablePageMixin, BasePage):
    """The appointment-request page; its thank-you page is a route of its own."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    what_happens_next = RichTextField(
        _("what happens next"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Tells patients what follows a request."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown after a request is sent.")
    )
    privacy_note = RichTextField(
        _("privacy note"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown beside the consent box.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy page"),
        help_text=_("Linked from the consent box."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("what_happens_next"),
        FieldPanel("privacy_note"),
        PageChooserPanel("privacy_page"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    @path("")
    def request_form(self, request):
        return self.render(request)

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template="contact/thank_you.html")
