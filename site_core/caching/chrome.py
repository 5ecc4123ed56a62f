"""What every page's header and footer show (menus, the appointment link, home links), computed once
per language and kept in the shared cache, so an uncached page render does not pay for it again.

The cached copy is dropped whenever a menu, the clinic settings or any page's title, URL or
publication changes (see site_core.caching.signals)."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from wagtail.models import Locale, Page, Site

from site_core.pages.clinic import ClinicSettings
from site_core.pages.i18n import versions_by_key
from site_core.pages.menus import Menu

CACHE_KEY = "site-chrome:{site}:{language}"
CACHE_SECONDS = 60 * 60 * 24


def _links(menu, request):
    links = []
    for item in menu.items.all() if menu else []:
        href = item.link_page.get_url(request) if item.link_page_id else item.link_url
        if href:
            links.append({"text": item.text, "href": href, "path": item.link_page.path if item.link_page_id else ""})
    return links


def build_chrome(request, site, language):
    menus = {
        menu.location: menu
        for menu in Menu.objects.filter(locale__language_code=language).prefetch_related("items__link_page")
    }
    homes = {
        p.locale.language_code: p.get_url(request)
        for p in Page.objects.filter(depth=2, live=True).select_related("locale")
    }
    clinic = ClinicSettings.for_site(site)
    # Its texts in other languages travel with it in the cached copy: `clinic.words` then costs no query.
    prefetch_related_objects([clinic], "translations")
    appointment_url = ""
    if clinic.appointment_page_id:
        page = clinic.appointment_page
        if page.locale.language_code != language:
            locale = Locale.objects.filter(language_code=language).first()
            page = (page.get_translation_or_none(locale) if locale else None) or page
        appointment_url = page.get_url(request) or ""
    # Pages that exist in more than one language, for the language switcher: {translation_key: {language: url}}.
    translations = {
        str(key): {code: page.get_url(request) for code, page in versions.items()}
        for key, versions in versions_by_key(Page.objects.live()).items()
    }
    return {
        "clinic": clinic,
        "translations": translations,
        "menus": {location: _links(menus.get(location), request) for location, _label in Menu.LOCATIONS},
        "homes": homes,
        "home_url": homes.get(language, "/"),
        "appointment_url": appointment_url,
    }


def get_chrome(request, language):
    """The header and footer data for this request's site and language, from the cache when present."""
    if hasattr(request, "_site_chrome"):
        return request._site_chrome
    site = Site.find_for_request(request)
    site_id = site.pk if site else 0
    key = CACHE_KEY.format(site=site_id, language=language)
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome(request, site, language)
        cache.set(key, chrome, CACHE_SECONDS)
    request._site_chrome = chrome
    return chrome


def forget_chrome():
    """Drop every cached copy (all sites, all languages)."""
    cache.delete_many(
        [
            CACHE_KEY.format(site=s, language=code)
            for s in [0, *Site.objects.values_list("pk", flat=True)]
            for code, _ in settings.LANGUAGES
        ]
    )
