"""Fragments kept under the page-cache generation ({% publishedcache %}): reused by renders that miss the page
cache, dropped by a publish, never filled or used by a preview."""

from unittest import mock

import pytest
from django.core.cache import cache

from blog.models import BlogPostPage

ARTICLE_URL = "/blog/ketamine-and-depression-an-integrative-approach/"


@pytest.fixture
def fragment_writes():
    keys = []
    original = cache.set

    def record(key, *args, **kwargs):
        if str(key).startswith("template.cache."):
            keys.append(key)
        return original(key, *args, **kwargs)

    with mock.patch.object(cache, "set", record):
        yield keys


def test_a_render_that_misses_the_page_cache_reuses_the_content_fragment(
    client, demo, settings, fragment_writes, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    first = client.get(ARTICLE_URL)
    assert len(fragment_writes) == 1
    with mock.patch("wagtail.images.models.AbstractImage.get_renditions") as renditions:
        second = client.get(ARTICLE_URL)
    assert renditions.call_count == 0  # no image rendition looked up again
    assert len(fragment_writes) == 1
    assert second.content.split(b"<main", 1)[1] == first.content.split(b"<main", 1)[1]


def test_a_publish_drops_the_fragment(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(ARTICLE_URL)
    post = BlogPostPage.objects.get(locale__language_code="en")
    post.title = "A retitled article"
    post.save_revision().publish()
    assert b"A retitled article</h1>" in client.get(ARTICLE_URL).content


def test_each_blog_page_and_category_has_its_own_fragment(client, demo, settings, fragment_writes):
    settings.PAGE_CACHE_SECONDS = 0
    post = BlogPostPage.objects.get(locale__language_code="en")
    client.get("/blog/")
    filtered = client.get(f"/blog/?category={post.category.slug}")
    assert len(fragment_writes) == 2
    heading = f": {post.category.name}</h1>".encode()
    assert heading in filtered.content and heading not in client.get("/blog/").content


def test_a_preview_neither_uses_nor_fills_the_fragments(client, demo, fragment_writes):
    client.get(ARTICLE_URL)
    written = len(fragment_writes)
    post = BlogPostPage.objects.get(locale__language_code="en")
    post.title = "A draft title only the editor sees"
    response = post.make_preview_request()
    assert b"A draft title only the editor sees" in response.content
    assert len(fragment_writes) == written
    assert b"A draft title only the editor sees" not in client.get(ARTICLE_URL).content
