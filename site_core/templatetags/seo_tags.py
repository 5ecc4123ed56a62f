"""The <head> tags every page shares for search engines and social sites (see site_core.seo.structured_data)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from site_core.caching.chrome import get_chrome
from site_core.seo import structured_data as seo

register = template.Library()

OG_LOCALES = {"en": "en_US", "es": "es_US"}


def _feeds(page, category):
    """Autodiscovery links for the blog's feeds on blog pages (the category's own feeds on a category list)."""
    if not getattr(page, "advertises_blog_feeds", False):
        return []
    try:
        feeds = [
            {"type": "application/rss+xml", "title": _("Blog (RSS)"), "href": reverse("blog_feed_rss")},
            {"type": "application/atom+xml", "title": _("Blog (Atom)"), "href": reverse("blog_feed_atom")},
        ]
        if category is not None:
            feeds += [
                {
                    "type": "application/rss+xml",
                    "title": f"{category.name} (RSS)",
                    "href": reverse("blog_category_feed_rss", args=[category.slug]),
                },
                {
                    "type": "application/atom+xml",
                    "title": f"{category.name} (Atom)",
                    "href": reverse("blog_category_feed_atom", args=[category.slug]),
                },
            ]
    except NoReverseMatch:
        return []
    return feeds


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Everything seo_head.html shows, computed once: title, description, canonical, share image, feeds and
    the JSON-LD (already serialised and escaped for a <script> element)."""
    request = context["request"]
    page = context.get("page")
    language = translation.get_language()
    chrome = get_chrome(request, language)
    clinic = chrome["clinic"]
    category = context.get("current_category")
    extra_query = f"?category={category.slug}" if category is not None and page is not None else ""
    try:
        search_url = reverse("search")
    except NoReverseMatch:
        search_url = "/search/"
    image = seo.og_image(request, page)
    graph = seo.build_graph(request, page, clinic, home_url=chrome["home_url"], search_url=search_url, image=image)
    title = (page.seo_title or page.title) if page is not None else ""
    description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    return {
        "title": title,
        "description": description,
        "canonical": seo.canonical_url(request, page, extra_query),
        "site_name": clinic.clinic_name,
        "og_type": getattr(page, "og_type", "website"),
        "og_locale": OG_LOCALES.get(language, language),
        "image": image,
        "published": getattr(page, "date", None),
        "modified": getattr(page, "last_published_at", None),
        "feeds": _feeds(page, category),
        "json_ld": mark_safe(seo.dumps_for_script(graph)),  # noqa: S308 -- json.dumps output with <, >, & escaped
    }
