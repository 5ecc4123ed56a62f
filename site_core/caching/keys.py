"""Which query parameters reach the page cache's key, and what a page tells the cache about itself.

Ad and campaign links carry parameters no page reads (`utm_*`, `fbclid`, `gclid`, often unique per click).
Kept in the key, each would be its own entry and its own render, so visitors from ads would never hit the
cache and anyone could fill it by varying a parameter. So the key keeps only the parameters some page type
declares in `cache_query_params` (the blog index: `page` and `category`), sorted; everything else is left out.

A page says, while it renders, which values it actually used (`declare`): the canonical page number and
category, not whatever the URL said. A response is stored only when those are exactly the parameters kept in
the key, so `/blog/?page=2` has its own entry, while `/blog/?page=02`, `?page=junk` or `/about/?page=9` are
rendered but never stored: no query string can add an entry that is not a real page. A view that declares
nothing (not a page: the sitemap, robots.txt, feeds) may read any parameter, so it is stored only for a URL with
no query string and served from the cache only to such a URL. The search view is never stored (it is private).
"""

from functools import cache as once
from urllib.parse import urlencode

from django.apps import apps
from django.http import QueryDict
from django.utils.http import http_date

DECLARED = "_page_cache_declared"


@once
def varying_params():
    """Every query parameter some page type varies on (its `cache_query_params`), from the app registry."""
    from wagtail.models import Page

    return frozenset(
        name
        for model in apps.get_models()
        if issubclass(model, Page)
        for name in getattr(model, "cache_query_params", ())
    )


def split_query(request):
    """(the query string kept in the key, sorted; whether any parameter was left out of it)."""
    if not request.META.get("QUERY_STRING"):
        return "", False
    return _split(request.GET.lists())


def split_query_string(raw):
    """The same from a WSGI environ's QUERY_STRING, parsed as request.GET parses it, for the hit path that runs
    before any request object exists (site_core.caching.hit_path). Raises TooManyFieldsSent as request.GET does."""
    if not raw:
        return "", False
    return _split(QueryDict(raw.encode("iso-8859-1")).lists())


def _split(lists):
    kept, dropped, varying = [], False, varying_params()
    for name, values in lists:
        if name in varying:
            kept.extend((name, value) for value in values)
        else:
            dropped = True
    return urlencode(sorted(kept)), dropped


def declare(request, page, /, **used):
    """Called by a page while it renders: the query values it used (None for a default it fell back to) and
    when it was last published (the Last-Modified of its cached copy)."""
    query = urlencode(sorted((name, str(value)) for name, value in used.items() if value not in (None, "")))
    published = page.last_published_at
    setattr(request, DECLARED, (query, http_date(published.timestamp()) if published else None))


def declared(request):
    """(query, last_modified) as the page declared them, or None when the view was not a page."""
    return getattr(request, DECLARED, None)


def storable_under(request, kept, dropped):
    """May this response be stored under the key made of `kept`?"""
    said = declared(request)
    if said is None:
        return not kept and not dropped
    return said[0] == kept
