"""The "Not sure yet? Take the two-minute self-check" link that other pages include.

Found through Wagtail's page queries, so no other app needs to know this one. The address is kept in the
shared cache under the page cache's generation, which every publish, unpublish, move or deletion replaces
(site_core.caching.signals), so a warm page render pays no query for it."""

from django import template
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from site_core.caching.page_cache import generation

from ..models import SelfCheckPage

register = template.Library()

URL_SECONDS = 60 * 60 * 24


@register.inclusion_tag("selfcheck/includes/link.html", takes_context=True)
def selfcheck_link(context):
    request = context.get("request")
    if request is None:
        return {"url": ""}
    language = translation.get_language()
    site = Site.find_for_request(request)
    key = f"selfcheck-url:{generation()}:{site.pk if site else 0}:{language}"
    url = cache.get(key)
    if url is None:
        page = SelfCheckPage.objects.live().public().filter(locale__language_code=language).first()
        url = (page.get_url(request) or "") if page else ""
        cache.set(key, url, URL_SECONDS)
    return {"url": url}
