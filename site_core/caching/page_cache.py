"""A whole-page cache for anonymous readers, kept in the shared cache (Redis in production).

Why not a library: wagtail-cache 3.0.0, the maintained one, declares wagtail<8.0, so it cannot be installed
beside Wagtail 8. This is Django's cache framework plus Wagtail's signals (see site_core.caching.signals).

A hit is answered here, before the session, locale, auth and Site lookups, so it costs no database query and
one cache round trip: the key is the host, the path, the query parameters a page uses (never tracking ones:
see site_core.caching.keys) and the language the path selects, and each entry records the "generation" token
it was rendered under; the token and the entry are read together. Purging is a new generation: every change that can alter any page (a page published,
unpublished, moved or deleted; a menu, snippet, image or clinic setting saved) replaces the token, so every
server stops using every old entry at once (an entry of another generation is a miss, and is replaced). Purging one page's URLs
would miss the pages that show it (listings, menus, the language switcher, the sitemap), and for a site of a
few dozen pages, rebuilding each on its next request is cheap.

Never stored: anything but GET/HEAD answered 200; requests carrying a session or messages cookie or an
Authorization header (so editors neither see nor fill the cache); the admin, documents and health check;
previews; responses that set a cookie, used a CSRF token (the contact form: it sends Cache-Control: private,
no-store), or say private/no-store/no-cache.

The page's CSP nonce is stored with it and replaced by the current request's nonce on every hit, so no two
responses share a nonce. Stored pages carry an ETag, Last-Modified and a Cache-Control a CDN may act on, and a
revalidation whose ETag still matches is answered 304 from the cache (site_core.caching.conditional).
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.translation import get_language_from_path

from site_core.caching import conditional, keys

GENERATION_KEY = "page-cache:generation"
# The WSGI environ entry (request.META) saying, for a response marked hit or miss, which generation its entry
# belongs to and when it expires (time.time()), for the memory tier of site_core.caching.hit_path.
ENTRY_ENVIRON = "site_core.page_cache_entry"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz/", "/static/", "/media/")
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def purge_all():
    """Start a new generation: every server stops serving every stored page."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def generation():
    """The current token; site_core.caching.routing keys its entries by it too."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        # First use, or the key was evicted: a fresh token can never match an older entry.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY)
    return token


def request_generation(request):
    """The token this request renders under: read with the page on a miss, so fragments and routes cached
    under it (site_core.templatetags.fragment_tags, site_core.caching.routing) cost no further round trip."""
    token = getattr(request, "_page_cache_generation", None)
    if token is None:
        token = request._page_cache_generation = generation()
    return token


def eligible(method, path, cookies, authorization):
    """May this request be answered from the cache? The same rule on the WSGI hit path (site_core.caching.hit_path),
    which reads these from the environ before any request object exists."""
    if not settings.PAGE_CACHE_SECONDS or method not in ("GET", "HEAD"):
        return False
    if path.startswith(SKIPPED_PREFIXES):
        return False
    if authorization or (cookies and (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)):
        return False
    return True


def _eligible(request):
    return eligible(request.method, request.path, request.COOKIES, "HTTP_AUTHORIZATION" in request.META)


def _key(request, query):
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = f"{request.get_host()}|{language}|{request.path}?{query}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header("Cache-Control"):
                # A signed-in editor's view of a public page (with the userbar) is theirs alone: no CDN keeps it.
                patch_cache_control(response, private=True)
            return response
        query, dropped = keys.split_query(request)
        key = _key(request, query)
        found = cache.get_many([GENERATION_KEY, key])
        token = request._page_cache_generation = found.get(GENERATION_KEY) or generation()
        entry = found.get(key)
        # An entry stored by a view that is not a page is only for its URL without a query string.
        if entry is not None and entry.get("generation") == token and (entry.get("any_query") or not dropped):
            request.META[ENTRY_ENVIRON] = (token, entry.get("expires", 0))
            return _hit(request, entry)
        response = self.get_response(request)
        if _storable(request, response) and keys.storable_under(request, query, dropped):
            entry = _store(request, response, key, token)
            request.META[ENTRY_ENVIRON] = (token, entry["expires"])
            if conditional.matches(request, entry["etag"]):
                response = conditional.not_modified(entry["headers"])
            response.headers["X-Page-Cache"] = "miss"
        return response


def _hit(request, entry):
    if conditional.matches(request, entry["etag"]):
        response = conditional.not_modified(entry["headers"])
    else:
        content = entry["content"]
        nonce = getattr(request, "csp_nonce", "")
        if entry["nonce"] and nonce:
            content = content.replace(entry["nonce"].encode(), nonce.encode())
        response = HttpResponse(content, status=200)
        # The stored headers were checked when the page was rendered; setting them one by one would check
        # each again (encoding, newlines), about a tenth of a hit's time in the profile.
        response.headers._store.update({header.lower(): (header, value) for header, value in entry["headers"]})
        response.headers._store["content-length"] = ("Content-Length", str(len(content)))
    response.headers["X-Page-Cache"] = "hit"
    return response


def _store(request, response, key, token):
    nonce = getattr(request, "csp_nonce", "")
    content = response.content
    # The ETag ignores the nonce, so renders of the same content share it (site_core.caching.conditional).
    digest = hashlib.blake2b(content.replace(nonce.encode(), b"") if nonce else content, digest_size=16)
    response.headers["ETag"] = f'"{digest.hexdigest()}"'
    said = keys.declared(request)
    if said and said[1]:
        response.headers["Last-Modified"] = said[1]
    response.headers["Cache-Control"] = conditional.public_cache_control()
    headers = [(h, v) for h, v in response.headers.items() if h.lower() != "content-length"]
    # Rendered under `token`: if a purge came meanwhile, the entry is already stale and never served.
    entry = {
        "generation": token,
        "content": content,
        "headers": headers,
        "nonce": nonce,
        "etag": response.headers["ETag"],
        "any_query": said is not None,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    return entry
