"""Wagtail's page view, finding the page in one query once a path has been served.

Wagtail finds a page by looking up the Site, the active Locale, the home page in that language and then
each path segment (site_core.models.HomePage.route cuts the segments to two queries). Those answers only
change when a page is published, unpublished, moved, renamed or deleted, or a Site changes, which is
exactly when the page cache starts a new generation (site_core.caching.signals). So after the first request for a
path, the Site, the page's type and id and the path left over for a routable page's own URLs are kept in
the shared cache under that generation, and later requests fetch just the page (with the foreign keys its
template reads). Anything unusual (an unknown path, a page since deleted) takes Wagtail's own route.

Wagtail keeps its answers on the request as `_wagtail_site` and `_wagtail_route_for_request` (see
Site.find_for_request and Page.route_for_request); filling them here lets every later lookup in the
request (settings, menus, structured data) reuse them.
"""

from django.apps import apps
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from site_core.caching.page_cache import request_generation

ROUTE_SECONDS = 60 * 60 * 24


def _key(request, path):
    return f"page-route:{request_generation(request)}:{request.get_host()}:{request.get_port()}:{get_language()}:{path}"


def _from_cache(request, path):
    """The route of a path served before, or None. Sets the request's Site as Wagtail would."""
    entry = cache.get(_key(request, path))
    if entry is None:
        return None
    site, model_label, page_id, remaining = entry
    model = apps.get_model(model_label)
    page = model.objects.select_related(*getattr(model, "serve_select_related", ())).filter(pk=page_id).first()
    if page is None:
        return None
    request._wagtail_site = site
    return page.route(request, remaining)


def _remember(request, path, route):
    site = Site.find_for_request(request)
    page = route[0]
    components = [component for component in path.split("/") if component]
    # Translations of the home page sit at the same depth, so the depth says how many segments are the page's.
    consumed = page.depth - site.root_page.depth
    if consumed < 0 or consumed > len(components):
        return
    cache.set(_key(request, path), (site, page._meta.label, page.pk, components[consumed:]), ROUTE_SECONDS)


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        route = _from_cache(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
        else:
            route = Page.route_for_request(request, path)
            if route is not None:
                _remember(request, path, route)
    return wagtail_serve(request, path)
