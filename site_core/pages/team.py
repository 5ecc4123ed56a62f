"""The team page: the clinic's practitioners, each with a profile anchor (#their-name) that the "Medically
reviewed by" stamp and structured data link to. Only what an editor filled in is shown."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from site_core.caching.page_cache import request_generation
from site_core.pages.blocks import body_blocks
from site_core.pages.models import BODY_HELP, BasePage
from site_core.pages.people import practitioners


class TeamPage(BasePage):
    """Lists every Person marked as seeing patients, with photo, credentials, licence, specialties,
    languages and biography where the clinic has given them."""

    intro = models.TextField(
        _("introduction"), max_length=400, blank=True, help_text=_("A sentence or two above the list of clinicians.")
    )
    body = StreamField(
        body_blocks(), blank=True, verbose_name=_("body"), help_text=BODY_HELP + " " + _("Shown after the team.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = []
    summary_field = "intro"
    schema_page_type = "AboutPage"  # what search engines are told the page is
    lists_practitioners = True  # its structured data describes each practitioner

    class Meta:
        verbose_name = _("team page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practitioners"] = practitioners(request)
        return context


def profile_url(request, person, language):
    """The person's profile anchor on the team page in this language (else any language), or "" when the
    site has no live team page."""
    if person is None or not person.is_practitioner:
        return ""
    urls = _team_page_urls(request)
    base = urls.get(language) or next(iter(urls.values()), "")
    return f"{base}#{person.anchor}" if base else ""


def _team_page_urls(request):
    """Language -> the live team page's URL. Every health page's review stamp asks, so it is kept on the
    request and in the shared cache under the page-cache generation (any publish or move replaces it)."""
    if not hasattr(request, "_team_page_urls"):
        key = f"team-page-urls:{request_generation(request)}:{request.get_host()}"
        urls = cache.get(key)
        if urls is None:
            pages = TeamPage.objects.live().public().select_related("locale").order_by("pk")
            urls = {page.locale.language_code: page.get_url(request) for page in pages}
            cache.set(key, urls, 24 * 60 * 60)
        request._team_page_urls = urls
    return request._team_page_urls
