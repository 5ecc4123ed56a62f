"""Template tags for what every page shows: menus, breadcrumbs, the language switcher."""

from django import template
from django.conf import settings
from django.utils import translation

from site_core.chrome import get_chrome

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
    ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


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
def clinic_settings(context):
    """The clinic's facts for this site, from the shared cache (see site_core.chrome)."""
    return get_chrome(context["request"], translation.get_language())["clinic"]
