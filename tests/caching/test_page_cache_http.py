"""The page cache as HTTP sees it (issue 18): which query strings share a cached copy, how many entries junk can
make, ETag / Last-Modified / 304 revalidation, and the Cache-Control of public pages, forms and the admin."""

import secrets
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.utils.http import http_date

from blog.models import BlogIndexPage, BlogPostPage
from site_core.caching.page_cache import PageCacheMiddleware
from site_core.models import ClinicSettings


def _about(demo):
    return demo.get_children().get(slug="about").specific


class _CacheWrites:
    """Page-cache keys written while it is active, through whatever the backend (local memory or Redis)."""

    def __init__(self):
        self.keys = []

    def __enter__(self):
        def recording(method):
            def record(key, *args, **kwargs):
                if str(key).startswith("page-cache:"):
                    self.keys.append(key)
                return method(key, *args, **kwargs)

            return record

        self._patches = [mock.patch.object(cache, name, recording(getattr(cache, name))) for name in ("set", "add")]
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in self._patches:
            patch.stop()


def _entries():
    """How many entries the embedded cache holds (None on Redis, where the recorded writes must do)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return len(backend._cache)
    if isinstance(backend, FileBasedCache):
        return len(backend._list_cache_files())
    if isinstance(backend, DatabaseCache):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(backend._table)}")  # noqa: S608 -- a table name
            return cursor.fetchone()[0]
    return None


# --- marketing links --------------------------------------------------------------------------------------


def test_an_ad_click_is_a_hit_after_one_plain_request(client, demo, django_assert_num_queries):
    assert client.get("/")["X-Page-Cache"] == "miss"
    for _ in range(3):
        with django_assert_num_queries(0):
            response = client.get(f"/?utm_source=x&fbclid={secrets.token_urlsafe(24)}")
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    # Google's click id and the other campaign tags too, on any page.
    client.get("/about/")
    tagged = client.get(f"/about/?gclid={secrets.token_hex(8)}&utm_campaign=spring&utm_medium=cpc")
    assert tagged["X-Page-Cache"] == "hit"


def test_the_first_ad_click_fills_the_cache_for_plain_visitors(client, demo):
    assert client.get(f"/about/?fbclid={secrets.token_hex(8)}")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"


@pytest.fixture
def two_pages_of_posts(demo, monkeypatch):
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    first = BlogPostPage.objects.live().child_of(blog).get()
    newer = blog.add_child(
        instance=BlogPostPage(
            title="A newer post on page one",
            slug="a-newer-post",
            summary="A summary.",
            body=[("paragraph", "<p>Text.</p>")],
            date=first.date.replace(year=first.date.year + 1),
            category=first.category,
        )
    )
    newer.save_revision().publish()
    monkeypatch.setattr(BlogIndexPage, "posts_per_page", 1)
    return first, newer


def test_blog_page_two_is_not_served_page_one(client, two_pages_of_posts):
    older, newer = two_pages_of_posts
    page_one = client.get("/blog/")
    assert newer.title.encode() in page_one.content and older.title.encode() not in page_one.content
    page_two = client.get("/blog/?page=2")
    assert page_two["X-Page-Cache"] == "miss"
    assert older.title.encode() in page_two.content and newer.title.encode() not in page_two.content
    again = client.get("/blog/?page=2&utm_source=newsletter")
    assert again["X-Page-Cache"] == "hit" and older.title.encode() in again.content
    assert newer.title.encode() in client.get("/blog/").content


def test_a_category_has_its_own_copy(client, two_pages_of_posts):
    older, _newer = two_pages_of_posts
    slug = older.category.slug
    client.get("/blog/")
    filtered = client.get(f"/blog/?category={slug}")
    assert filtered["X-Page-Cache"] == "miss"
    assert client.get(f"/blog/?fbclid=1&category={slug}")["X-Page-Cache"] == "hit"


def test_junk_values_of_a_used_parameter_are_rendered_but_never_stored(client, two_pages_of_posts):
    _older, newer = two_pages_of_posts
    client.get("/blog/")
    client.get("/about/")
    with _CacheWrites() as writes:
        for junk in ["1", "02", "x", "99999", "-1", "2&page=2"]:
            response = client.get(f"/blog/?page={junk}")
            assert response.status_code == 200 and "X-Page-Cache" not in response
        assert newer.title.encode() in client.get("/blog/?page=x").content  # what Paginator falls back to
        assert "X-Page-Cache" not in client.get("/blog/?category=no-such-category")
        # A page that reads no parameter at all.
        assert "X-Page-Cache" not in client.get("/about/?page=3")
    assert writes.keys == []


def test_ten_thousand_junk_query_strings_leave_the_cache_as_it_was(client, demo, rf):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    before = _entries()

    def view(request):
        raise AssertionError(f"rendered {request.get_full_path()} instead of serving the cached copy")

    middleware = PageCacheMiddleware(view)
    with _CacheWrites() as writes:
        for n in range(10_000):
            junk = {"fbclid": secrets.token_hex(6), "utm_source": n, f"z{n % 97}": n}
            assert middleware(rf.get("/about/", junk))["X-Page-Cache"] == "hit"
    assert writes.keys == []
    assert _entries() == before


def test_search_results_are_never_cached(client, demo):
    first = client.get("/search/?q=ketamine")
    second = client.get("/search/?q=anxiety")
    for response in (first, second, client.get("/search/?q=ketamine")):
        assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    assert first.content != second.content


def test_a_view_that_is_not_a_page_is_only_cached_without_a_query(client, demo):
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    # Django's sitemap reads ?p= (its page number); the cache cannot know that, so it keeps out of the way.
    assert "X-Page-Cache" not in client.get("/sitemap.xml?p=2")


# --- conditional requests ---------------------------------------------------------------------------------


def test_cached_pages_carry_a_strong_etag_and_the_last_publish(client, demo):
    about = _about(demo)
    miss = client.get("/about/")
    hit = client.get("/about/")
    etag = miss["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    # The same validator although each answer carries its own CSP nonce.
    assert hit["ETag"] == etag and hit.content != miss.content
    assert miss["Last-Modified"] == hit["Last-Modified"] == http_date(about.last_published_at.timestamp())


def test_a_revalidation_is_a_304_without_a_body_or_a_query(client, demo, django_assert_num_queries):
    etag = client.get("/about/")["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}'):
        with django_assert_num_queries(0):
            response = client.get("/about/", headers={"If-None-Match": header})
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag and "s-maxage" in response["Cache-Control"]
        # The browser keeps the policy stored with its copy, whose nonce matches that copy.
        assert "Content-Security-Policy" not in response
    stale = client.get("/about/", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale["X-Page-Cache"] == "hit"


def test_a_publish_changes_the_etag(client, demo):
    about = _about(demo)
    etag = client.get("/about/")["ETag"]
    about.title = "About the clinic, edited"
    about.save_revision().publish()
    response = client.get("/about/", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert response["ETag"] != etag and b"About the clinic, edited" in response.content


def test_a_purge_that_leaves_the_page_as_it_was_keeps_its_etag(client, demo):
    etag = client.get("/about/")["ETag"]
    ClinicSettings.objects.first().save()  # a new generation, but nothing on the page changed
    response = client.get("/about/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["X-Page-Cache"] == "miss"
    assert client.get("/about/", headers={"If-None-Match": etag}).status_code == 304


# --- Cache-Control ------------------------------------------------------------------------------------------


def test_public_pages_may_be_kept_by_a_cdn_and_are_revalidated_by_browsers(client, demo, settings):
    for response in (client.get("/"), client.get("/")):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=0", f"s-maxage={settings.PAGE_CACHE_SECONDS}"}


def test_forms_and_the_admin_are_private_and_never_stored(client, admin_client, demo):
    for response in (Client().get("/contact/"), Client().get("/admin/login/"), admin_client.get("/admin/")):
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives and "public" not in directives
        assert "ETag" not in response


def test_an_editors_view_of_a_public_page_is_private(admin_client, demo):
    response = admin_client.get("/about/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "private" in directives and "public" not in directives and "ETag" not in response


def test_a_stored_response_set_aside_by_the_view_is_not_made_public(rf):
    def view(request):
        response = HttpResponse("form")
        response["Cache-Control"] = "private, no-store"
        return response

    response = PageCacheMiddleware(view)(rf.get("/contact/"))
    assert response["Cache-Control"] == "private, no-store" and "ETag" not in response
