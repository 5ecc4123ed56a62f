"""Template tags for what every page shows: menus, breadcrumbs, the language switcher."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from site_core.caching.chrome import get_chrome
from site_core.pages.models import breadcrumb_ancestors

register = template.Library()


@register.inclusion_tag("includes/menu.html", takes_context=True)
def menu(context, location, css_class=""):
    """Links of the main or footer menu in the current language; the current section is marked."""
    chrome = get_chrome(context["request"], translation.get_language())
    current = context.get("page")
    items = [
        {**item, "active": bool(current and item["path"] and current.path.startswith(item["path"]))}
        for item in chrome["menus"].get(location, [])
    ]
    return {"items": items, "css_class": css_class}


@register.simple_tag(takes_context=True)
def appointment_url(context):
    """The appointment-request page in the current language (a setting, so apps need not know each other)."""
    return get_chrome(context["request"], translation.get_language())["appointment_url"]


@register.simple_tag(takes_context=True)
def home_url(context):
    return get_chrome(context["request"], translation.get_language())["home_url"]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": breadcrumb_ancestors(page), "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: the same page in that language, or that language's home page."""
    page = context.get("page")
    current = translation.get_language()
    chrome = get_chrome(context["request"], current)
    translations = chrome["translations"].get(str(getattr(page, "translation_key", "")), {})
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code) or chrome["homes"].get(code, "/")
        info = translation.get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """Absolute URLs of this page in each language it exists in, then x-default (the English one), for
    <link rel="alternate" hreflang> in the <head>. Nothing for views that are not pages."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not getattr(page, "translation_key", None):
        return []
    chrome = get_chrome(request, translation.get_language())
    versions = chrome["translations"].get(str(page.translation_key)) or {
        translation.get_language(): page.get_url(request)
    }
    # On the site's own host, like the canonical URL and the sitemap, whatever host the request used.
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")

    def full(url):
        return url if url.startswith(("http://", "https://")) else root + url

    links = [{"code": code, "url": full(versions[code])} for code, _name in settings.LANGUAGES if versions.get(code)]
    if versions.get(settings.LANGUAGE_CODE):
        links.append({"code": "x-default", "url": full(versions[settings.LANGUAGE_CODE])})
    return links


@register.simple_tag(takes_context=True)
def clinic_settings(context):
    """The clinic's facts for this site, from the shared cache (see site_core.caching.chrome)."""
    return get_chrome(context["request"], translation.get_language())["clinic"]
