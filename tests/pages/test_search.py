"""Site search: finds live public pages in the reader's language, highlights safely, never writes, never 500s."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage
from site_core.models import StandardPage
from site_core.search import MAX_QUERY_LENGTH, highlight

ARTICLE_URL = "/blog/ketamine-and-depression-an-integrative-approach/"


def result_links(response):
    html = response.content.decode()
    return re.findall(r'<h2 class="search-result__title"><a href="([^"]+)">', html)


def test_search_finds_the_article_by_a_word_in_its_body(client, demo):
    response = client.get("/search/", {"q": "glutamate"})
    assert response.status_code == 200
    assert ARTICLE_URL in result_links(response)


def test_search_page_is_accessible_and_private(client, demo):
    response = client.get("/search/", {"q": "ketamine"})
    html = response.content.decode()
    assert '<form class="search-form" role="search"' in html
    assert '<label for="search-query">' in html and 'id="search-query"' in html
    assert '<ol class="search-results">' in html and html.count("<h1") == 1
    assert 'name="robots" content="noindex"' in html
    assert "private" in response["Cache-Control"]


def test_results_are_highlighted(client, demo):
    html = client.get("/search/", {"q": "Ketamine"}).content.decode()
    assert "<mark>Ketamine</mark>" in html


def test_highlight_escapes_before_marking():
    out = highlight("<b>amp</b> & ketamine", ["amp", "ketamine", "lt"])
    assert out == "&lt;b&gt;<mark>amp</mark>&lt;/b&gt; &amp; <mark>ketamine</mark>"


def test_search_is_in_the_current_language(client, demo):
    english = result_links(client.get("/search/", {"q": "ketamine"}))
    assert english and not any(link.startswith("/es/") for link in english)
    response = client.get("/es/search/", {"q": "ketamina"})
    assert response.status_code == 200
    spanish = result_links(response)
    assert all(link.startswith("/es/") for link in spanish)


def test_drafts_and_private_pages_are_not_found(client, demo):
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    blog.add_child(
        instance=BlogPostPage(title="Zanzibarian draft", slug="zanz-draft", summary="zanzibarian", body=[], live=False)
    )
    secret = StandardPage.objects.get(slug="about").add_child(
        instance=StandardPage(title="Zanzibarian secret", slug="zanz-secret", intro="zanzibarian")
    )
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    public = StandardPage.objects.get(slug="about").add_child(
        instance=StandardPage(title="Zanzibarian public", slug="zanz-public", intro="zanzibarian")
    )
    links = result_links(client.get("/search/", {"q": "zanzibarian"}))
    assert links == [public.url]


def test_results_are_paginated(client, demo):
    parent = StandardPage.objects.get(slug="about")
    for i in range(12):
        parent.add_child(instance=StandardPage(title=f"Quokka {i}", slug=f"quokka-{i}", intro="quokka facts"))
    first = client.get("/search/", {"q": "quokka"})
    assert len(result_links(first)) == 10 and 'rel="next"' in first.content.decode()
    second = client.get("/search/", {"q": "quokka", "page": 2})
    assert len(result_links(second)) == 2
    assert client.get("/search/", {"q": "quokka", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "quokka", "page": "99999"}).status_code == 200


def test_a_search_writes_nothing(client, demo):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/search/", {"q": "glutamate"}).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes == []


def test_an_over_long_query_gets_a_400_that_explains(client, demo):
    response = client.get("/search/", {"q": "ketamine " * 40})
    assert response.status_code == 400
    assert f"at most {MAX_QUERY_LENGTH} characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'",
        '"unbalanced',
        "%",
        "%%",
        "_",
        "*",
        "ketamine*",
        "a AND OR NOT b",
        "NEAR(ketamine depression)",
        "-ketamine +depression",
        "ketamine OR 1=1; DROP TABLE wagtailcore_page; --",
        "' OR '1'='1",
        "\\",
        "()[]{}",
        "<script>alert(1)</script>",
        "ketamine\x00depression",
        "\x00",
        "ünïcödé ketamina café",
        "抑郁症",
        "😀 ketamine",
        "x" * MAX_QUERY_LENGTH,
        "word " * 39,
    ],
)
def test_odd_queries_get_a_helpful_page(client, demo, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="search-form" role="search"' in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("query_string", ["q=%ED%A0%80", "q=%FF%FE", "q=a&q=b", "page=2", "q=%00%00", "q=%F0%9F"])
def test_malformed_query_strings_get_a_page(client, demo, query_string):
    response = client.get("/search/?" + query_string)
    assert response.status_code == 200
    assert '<form class="search-form" role="search"' in response.content.decode()


def test_post_is_refused(client, demo):
    assert client.post("/search/", {"q": "x"}).status_code in (403, 405)
