"""The page cache's WSGI hit path (site_core.caching.hit_path): hits answered from each process's memory before
Django builds a request, with the same headers, a fresh nonce, 304s, purges seen at once, and everything the
cache must not answer handed to Django."""

import os
import re
import secrets
import time
from dataclasses import dataclass
from unittest import mock

import pytest
from django.core import signals
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client

from site_core.caching import page_cache
from site_core.caching.hit_path import Entry, MemoryTier, PageCacheApp
from site_core.caching.token_reader import TokenReader
from site_core.models import ClinicSettings

NONCE = re.compile(r"'nonce-([^']+)'")


@dataclass
class Answer:
    status: str
    headers: dict
    body: bytes

    @property
    def nonce(self):
        return NONCE.search(self.headers["content-security-policy"]).group(1)


@pytest.fixture
def behind_the_proxy(settings):
    """Production's settings for HTTPS behind Caddy: plain HTTP redirected, HSTS on HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return {"X-Forwarded-Proto": "https"}


@pytest.fixture
def app(behind_the_proxy, demo):
    """The site's WSGI application as gunicorn runs it, with a record of the requests that reached Django."""
    django_app = WSGIHandler()
    reached = []

    def django(environ, start_response):
        reached.append(environ["PATH_INFO"])
        return django_app(environ, start_response)

    # As Django's test client does: the test's transaction holds the database connection, so no request closes it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    wrapped = PageCacheApp(django)
    wrapped.reached = reached
    yield wrapped
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def get(app, rf, path, *, headers=None, method="GET"):
    headers = {"Host": "testserver", "X-Forwarded-Proto": "https", **(headers or {})}
    environ = rf.generic(method, path, headers={k: v for k, v in headers.items() if v is not None}).environ
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, response_headers

    result = app(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    assert len({name.lower() for name, _ in seen["headers"]}) == len(seen["headers"]), "a header sent twice"
    return Answer(seen["status"], {name.lower(): value for name, value in seen["headers"]}, body)


def _without_nonce(headers, nonce):
    return {name: value.replace(nonce, "N") for name, value in headers.items() if name != "x-page-cache"}


def test_a_hit_from_memory_is_a_django_hit_with_a_fresh_nonce(app, rf, behind_the_proxy, django_assert_num_queries):
    assert get(app, rf, "/about/").headers["x-page-cache"] == "miss"
    through_django = Client().get("/about/", headers={"Host": "testserver", **behind_the_proxy})
    assert through_django["X-Page-Cache"] == "hit"
    django_headers = {name.lower(): value for name, value in through_django.headers.items()}
    django_nonce = NONCE.search(django_headers["content-security-policy"]).group(1)
    reached, nonces = len(app.reached), set()
    for _ in range(3):
        with django_assert_num_queries(0):
            hit = get(app, rf, "/about/")
        assert hit.status == "200 OK" and hit.headers["x-page-cache"] == "hit"
        # Every header of a hit through Django, HSTS and the CSP among them, and the same page.
        assert _without_nonce(hit.headers, hit.nonce) == _without_nonce(django_headers, django_nonce)
        assert "strict-transport-security" in hit.headers and "permissions-policy" in hit.headers
        assert hit.body.replace(hit.nonce.encode(), b"N") == through_django.content.replace(django_nonce.encode(), b"N")
        assert f'nonce="{hit.nonce}"'.encode() in hit.body
        nonces.add(hit.nonce)
    assert len(app.reached) == reached, "the hits reached Django"
    assert len(nonces) == 3 and django_nonce not in nonces


def test_a_revalidation_is_answered_304_from_memory(app, rf, django_assert_num_queries):
    etag = get(app, rf, "/about/").headers["etag"]
    answers = []
    for _ in range(3):
        with django_assert_num_queries(0):
            answers.append(get(app, rf, "/about/", headers={"If-None-Match": etag}))
    for answer in answers:
        assert answer.status == "304 Not Modified" and answer.body == b""
        assert answer.headers["etag"] == etag and "content-security-policy" not in answer.headers
    # Django answered the first, whose headers memory keeps; the others never reached it.
    assert answers[1].headers == answers[2].headers == {**answers[0].headers, "x-page-cache": "hit"}
    assert app.reached == ["/about/", "/about/"]
    assert get(app, rf, "/about/", headers={"If-None-Match": '"other"'}).status == "200 OK"


def test_a_publish_is_seen_at_once_by_the_memory_tier(app, rf, demo):
    get(app, rf, "/about/")
    assert get(app, rf, "/about/").headers["x-page-cache"] == "hit"
    about = demo.get_children().get(slug="about").specific
    about.title = "About the clinic, edited"
    about.save_revision().publish()
    fresh = get(app, rf, "/about/")
    assert fresh.headers["x-page-cache"] == "miss" and b"About the clinic, edited" in fresh.body
    assert app.reached == ["/about/", "/about/"]
    ClinicSettings.objects.first().save()  # any purge
    assert get(app, rf, "/about/").headers["x-page-cache"] == "miss"


def test_a_copy_in_memory_expires_with_the_shared_entry(app, rf, settings):
    get(app, rf, "/about/")
    (entry,) = app.memory._entries.values()
    assert time.time() + settings.PAGE_CACHE_SECONDS - 5 < entry.expires <= time.time() + settings.PAGE_CACHE_SECONDS
    entry.expires = time.time() - 1
    get(app, rf, "/about/")
    assert app.reached == ["/about/", "/about/"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "messages=abc"},
        {"Authorization": "Basic Ym9zczpwYXNzd29yZA=="},
    ],
)
def test_a_session_messages_or_authorization_request_goes_through_django(app, rf, headers):
    get(app, rf, "/about/")
    stored = len(app.memory)
    for _ in range(2):
        answer = get(app, rf, "/about/", headers=headers)
        assert answer.headers.get("x-page-cache") != "hit"
    assert app.reached == ["/about/"] * 3 and len(app.memory) == stored
    # Other cookies (a CSRF token from the contact form, analytics) leave a reader's page cached.
    assert get(app, rf, "/about/", headers={"Cookie": "csrftoken=x; _ga=y"}).headers["x-page-cache"] == "hit"


def test_a_host_django_refuses_is_never_answered_from_memory(app, rf):
    get(app, rf, "/about/")
    for host in ("evil.example", "testserver.evil.example", "testserver:8000@evil.example"):
        answer = get(app, rf, "/about/", headers={"Host": host})
        assert answer.status.startswith("400") and "x-page-cache" not in answer.headers
    assert len(app.memory) == 1 and {key[0] for key in app.memory._entries} == {"testserver"}


def test_plain_http_is_redirected_as_before(app, rf):
    get(app, rf, "/about/")
    plain = get(app, rf, "/about/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status.startswith("301") and plain.headers["location"] == "https://testserver/about/"


def test_ad_clicks_share_one_entry_and_other_methods_go_through(app, rf):
    get(app, rf, "/")
    for _ in range(20):
        assert get(app, rf, f"/?fbclid={secrets.token_urlsafe(12)}&utm_source=x").headers["x-page-cache"] == "hit"
    assert len(app.memory) == 2  # plain and "with parameters left out", as the shared cache decides
    assert app.reached == ["/", "/"]
    head = get(app, rf, "/", method="HEAD")
    assert head.headers["x-page-cache"] == "hit"
    get(app, rf, "/admin/login/")
    get(app, rf, "/", method="OPTIONS")
    assert app.reached[-2:] == ["/admin/login/", "/"]


def test_the_memory_tier_is_bounded_by_entries_and_bytes():
    def entry(size):
        return Entry("g", 0, [("Content-Type", "text/html")], b"x" * size, "")

    memory = MemoryTier(max_entries=3, max_bytes=10_000)
    for n in range(5):
        memory.put(n, entry(100))
    assert sorted(memory._entries) == [2, 3, 4]
    memory.get(2)  # used: the next to go is 3
    memory.put(5, entry(100))
    assert sorted(memory._entries) == [2, 4, 5]
    memory.put(6, entry(9_800))
    assert sorted(memory._entries) == [5, 6] and memory.bytes <= 10_000
    memory.put(7, entry(20_000))  # larger than the whole tier: not kept
    assert 7 not in memory._entries


def test_the_file_cache_generation_is_read_from_a_stat_and_never_stale(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    assert isinstance(caches["default"], FileBasedCache)
    reader = TokenReader()
    assert reader.read() is None  # no token yet: Django's path makes one
    token = page_cache.generation()
    assert reader.read() == reader.read() == token
    descriptors = len(os.listdir("/proc/self/fd"))
    for _ in range(200):
        page_cache.purge_all()
        assert reader.read() == cache.get(page_cache.GENERATION_KEY)
    assert len(os.listdir("/proc/self/fd")) == descriptors, "old token files held open"
    cache.clear()
    assert reader.read() is None


def test_the_configured_cache_generation_is_followed_at_once():
    """Whatever the suite runs on (local memory, or Redis through a client kept for the process)."""
    reader = TokenReader()
    for _ in range(50):
        page_cache.purge_all()
        assert reader.read() == cache.get(page_cache.GENERATION_KEY) is not None
    cache.clear()
    assert reader.read() is None


def test_a_cache_that_fails_leaves_the_request_to_django(app, rf):
    get(app, rf, "/about/")
    with mock.patch.object(app.generation, "read", side_effect=ConnectionError("cache down")):
        assert get(app, rf, "/about/").status == "200 OK"
    assert app.reached == ["/about/", "/about/"]
