"""Page-cache hits answered at the WSGI level, from a small memory tier in each process (issue 18).

A hit through Django costs a request object, the outer middleware, the shared cache's read of the whole entry
(the file cache unpickles and decompresses it) and the response object: about four times what serving the same
bytes from a dict costs under gunicorn. So `PageCacheApp` wraps Django's WSGI handler (site_core.wsgi) and
answers a request it can from `MemoryTier`, a bounded LRU of final responses (the headers exactly as the
outermost middleware sent them: HSTS, CSP, Permissions-Policy, X-Frame-Options and the rest), before Django
builds anything. A hit there is one read of the generation token from the shared cache (see
site_core.caching.token_reader: one stat on the file cache, one GET on Redis) and a dict lookup;
the CSP nonce is replaced by a fresh one in the body and in the header, as on every hit.

The memory tier is filled only by Django: a response PageCacheMiddleware served from the shared cache or stored
in it (X-Page-Cache hit or miss), with the generation it belongs to. It is keyed by everything that response
depended on: the host header (Django validated it against ALLOWED_HOSTS before the page cache could answer, so
a host it refused never has an entry), the path, the query parameters the key keeps and whether any was left
out (site_core.caching.keys), and whether the request came over HTTPS (HSTS). An entry of another generation is
never served, so a publish reaches every process at once, as with the shared cache; nor one past the expiry of the
shared entry it was copied from.

Declined here, and handed to Django unchanged (which answers them as before): whatever the page cache would not
serve (site_core.caching.page_cache.eligible: not GET/HEAD, the admin and other skipped paths, a session or
messages cookie, an Authorization header), plain HTTP that SECURE_SSL_REDIRECT would redirect, a request with
no Host header or under a SCRIPT_NAME, a query string Django would refuse, and a revalidation (If-None-Match)
until Django has answered one 304 for that entry, whose headers the tier then keeps.

A hit here skips Django's request_started / request_finished signals: it touches no database connection, and
one an earlier request left open (CONN_MAX_AGE) is checked and recycled by the next request that reaches Django.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http.cookie import parse_cookie

from site_core.caching import conditional, keys
from site_core.caching.page_cache import ENTRY_ENVIRON, eligible
from site_core.caching.token_reader import TokenReader
from site_core.security.headers import NONCE_ENVIRON, new_nonce

# Enough for every page of a small site in both languages with room for the blog's pages and categories; at
# 10-60 kB a page, a few megabytes per worker. Least recently used entries go first.
MEMORY_ENTRIES = 300
MEMORY_BYTES = 32_000_000
# Headers the tier sets itself on each answer.
OWN_HEADERS = {"content-length", "x-page-cache"}


class Entry:
    """One final response, cut where its nonce was, so a hit joins the parts around a fresh one."""

    __slots__ = ("generation", "expires", "body", "body_parts", "fixed", "with_nonce", "etag", "not_modified", "size")

    def __init__(self, generation, expires, headers, body, nonce):
        # The shared cache's entry expires then (PAGE_CACHE_SECONDS after it was stored); so does this copy.
        self.generation, self.expires, self.body = generation, expires, body
        kept = [(name, value) for name, value in headers if name.lower() not in OWN_HEADERS]
        self.body_parts = body.split(nonce.encode()) if nonce else None
        # The headers that carry the nonce (the CSP) are rewritten on each hit; the rest are sent as they are.
        self.with_nonce = [(name, value.split(nonce)) for name, value in kept if nonce and nonce in value]
        self.fixed = [(name, value) for name, value in kept if not (nonce and nonce in value)]
        self.etag = next((value for name, value in kept if name.lower() == "etag"), None)
        self.not_modified = None  # the headers of Django's 304 for this entry, once it has answered one
        self.size = len(body) + sum(len(name) + len(value) for name, value in kept)


class MemoryTier:
    """A bounded LRU of entries, per process (gunicorn workers each have their own)."""

    def __init__(self, max_entries=MEMORY_ENTRIES, max_bytes=MEMORY_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        # Threaded workers (gthread) share one tier; the sync workers the site ships with never wait on it.
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._entries)

    @property
    def bytes(self):
        return self._bytes

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        if entry.size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, gone = self._entries.popitem(last=False)
                self._bytes -= gone.size

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _https(environ):
    """request.is_secure(), from the environ (Django's HttpRequest.scheme)."""
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, secure_value = proxy
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def memory_key(environ):
    """The memory tier's key for this request, or None when the WSGI path declines it (see the module's doc)."""
    host = environ.get("HTTP_HOST")
    path = environ.get("PATH_INFO")
    if not host or not path or environ.get("SCRIPT_NAME") or settings.FORCE_SCRIPT_NAME is not None:
        return None
    cookie = environ.get("HTTP_COOKIE")
    cookies = parse_cookie(cookie) if cookie else {}
    if not eligible(environ["REQUEST_METHOD"].upper(), path, cookies, "HTTP_AUTHORIZATION" in environ):
        return None
    https = _https(environ)
    if settings.SECURE_SSL_REDIRECT and not https:
        return None
    if settings.USE_X_FORWARDED_HOST:
        host = (environ.get("HTTP_X_FORWARDED_HOST"), host)
    try:
        kept, dropped = keys.split_query_string(environ.get("QUERY_STRING", ""))
    except SuspiciousOperation:  # too many fields: Django answers 400
        return None
    return (host, path, kept, dropped, https)


class PageCacheApp:
    """The site's WSGI application: cache hits from the memory tier, everything else through Django."""

    def __init__(self, django_app, memory=None):
        self.django_app = django_app
        self.memory = memory if memory is not None else MemoryTier()
        self.generation = TokenReader()

    def __call__(self, environ, start_response):
        key = memory_key(environ)
        if key is None:
            return self.django_app(environ, start_response)
        entry = self.memory.get(key)
        if entry is not None and entry.expires > time.time() and entry.generation == self._generation():
            revalidation = environ.get("HTTP_IF_NONE_MATCH")
            if not (revalidation and conditional.header_matches(revalidation, entry.etag)):
                return _answer(entry, start_response)
            if entry.not_modified is not None:
                start_response("304 Not Modified", entry.not_modified)
                return [b""]
        return self._through_django(key, environ, start_response)

    def _generation(self):
        try:
            return self.generation.read()
        except Exception:  # the cache is down: Django's path answers (and reports) that as it always has
            return None

    def _through_django(self, key, environ, start_response):
        seen = []

        def recording_start_response(status, headers, exc_info=None):
            seen[:] = [status, headers]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.django_app(environ, recording_start_response)
        if not seen or ENTRY_ENVIRON not in environ:
            return result
        status, headers = seen
        names = {name.lower(): value for name, value in headers}
        if names.get("x-page-cache") not in ("hit", "miss") or "set-cookie" in names:
            return result
        generation, expires = environ[ENTRY_ENVIRON]
        if status.startswith("304 "):
            entry = self.memory.get(key)
            if entry is not None and entry.generation == generation:
                entry.not_modified = [(n, v) for n, v in headers if n.lower() != "x-page-cache"]
                entry.not_modified.append(("X-Page-Cache", "hit"))
            return result
        if not status.startswith("200 "):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self.memory.put(key, Entry(generation, expires, headers, body, environ.get(NONCE_ENVIRON, "")))
        return [body]


def _answer(entry, start_response):
    headers = entry.fixed.copy()
    if entry.body_parts is None:
        body = entry.body
    else:
        nonce = new_nonce()
        body = nonce.encode().join(entry.body_parts)
        for name, parts in entry.with_nonce:
            headers.append((name, nonce.join(parts)))
    headers.append(("Content-Length", str(len(body))))
    headers.append(("X-Page-Cache", "hit"))
    start_response("200 OK", headers)
    return [body]
