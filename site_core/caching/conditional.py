"""HTTP caching headers of the pages the page cache keeps, and the 304 answer to a revalidation.

- `ETag`: a strong validator, the hash of the stored body with its CSP nonce taken out, so two renders of the
  same content (after a purge that did not touch this page, or on another server) share it and a browser's
  copy stays valid; a publish that changes the page changes it.
- `Last-Modified`: the page's last publish, for information. A 304 is answered on `If-None-Match` only:
  other pages' publishes change this one too (listings, menus), so a date would claim too much.
- `Cache-Control: public, max-age=0, s-maxage=<PAGE_CACHE_SECONDS>`: a CDN may keep the page as long as the
  page cache does (Wagtail's frontend cache purges it on publish), while browsers revalidate every time and
  get a 304 from the page cache (no body, no database query). Not `must-revalidate`: when the server is
  down, a CDN's copy minutes old is better for a reader than an error page.

A 304 carries no Content-Security-Policy (see site_core.security.headers): the browser keeps the policy it
stored with the body, whose nonce matches that body.
"""

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.http import parse_etags

# What a 304 repeats from the full answer (RFC 9110, 15.4.5), so caches update their stored copy.
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "etag", "expires", "last-modified", "vary"}


def public_cache_control():
    return f"public, max-age=0, s-maxage={settings.PAGE_CACHE_SECONDS}"


def matches(request, etag):
    """Does the request's If-None-Match name this ETag? (Weak comparison, as RFC 9110 asks for this header.)"""
    return header_matches(request.META.get("HTTP_IF_NONE_MATCH"), etag)


def header_matches(header, etag):
    """The same for an If-None-Match value (or None), as the WSGI hit path reads it from the environ."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    return etag in {tag.removeprefix("W/") for tag in parse_etags(header)}


def not_modified(headers):
    """A 304 with the validators and caching headers of the full answer, from its (name, value) pairs."""
    response = HttpResponseNotModified()
    for name, value in headers:
        if name.lower() in NOT_MODIFIED_HEADERS:
            response.headers[name] = value
    return response
