"""The first-load weight of each page type (HTML, CSS, JS, fonts; images aside), what is requested, and
how static files are cached."""

import re

import pytest

from tests.browser.conftest import PAGES

BUDGET = 60 * 1024
COUNTED = {"document", "stylesheet", "script", "font"}


@pytest.mark.parametrize("name", PAGES)
def test_first_load_is_within_budget_and_stays_on_this_host(visit, name):
    v = visit(PAGES[name], extra_http_headers={"Accept-Encoding": "gzip, deflate, br"})
    counted = {}
    for request in v.requests:
        response = request.response()
        if request.resource_type not in COUNTED or response is None:
            continue
        sizes = request.sizes()
        counted[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    total = sum(counted.values())
    print(f"{name}: {total} bytes over {len(counted)} requests")
    assert counted, "nothing was counted"
    assert total <= BUDGET, f"{name} weighs {total} bytes on first load: {counted}"
    assert v.foreign_requests() == []


@pytest.mark.parametrize("name", ["home", "article"])
def test_no_render_blocking_script_and_no_inline_script(visit, name):
    page = visit(PAGES[name]).page
    blocking = page.evaluate(
        """() => [...document.querySelectorAll('script')]
            .filter(s => !s.defer && !s.async && s.type !== 'module' && s.type !== 'application/ld+json')
            .map(s => s.outerHTML.slice(0, 120))"""
    )
    assert blocking == []
    inline = page.evaluate(
        """() => [...document.querySelectorAll('script:not([src])')]
            .filter(s => s.type !== 'application/ld+json').length"""
    )
    assert inline == 0
    assert page.evaluate("document.querySelectorAll('[style]').length") == 0


def test_static_files_are_hashed_compressed_and_cached_for_a_year(visit):
    v = visit("/")
    static = [r for r in v.requests if "/static/" in r.url]
    assert static
    for request in static:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", request.url), f"not a hashed name: {request.url}"
        headers = request.response().all_headers()
        max_age = int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1))
        assert max_age >= 365 * 24 * 3600, headers["cache-control"]
        if request.resource_type in ("stylesheet", "script"):
            assert headers.get("content-encoding") in ("gzip", "br"), request.url


def test_home_hero_is_eager_and_cards_are_lazy(visit):
    page = visit("/").page
    hero = page.locator(".hero picture")
    assert hero.locator("source[type='image/avif']").count() == 1
    assert hero.locator("source[type='image/webp']").count() == 1
    img = hero.locator("img")
    assert img.get_attribute("fetchpriority") == "high"
    assert img.get_attribute("loading") != "lazy"
    assert img.get_attribute("srcset") and img.get_attribute("sizes")
    # The browser picked the AVIF and could load it.
    assert page.evaluate("document.querySelector('.hero img').currentSrc").endswith(".avif")
    assert page.evaluate("document.querySelector('.hero img').naturalWidth") > 0
    cards = page.locator(".card img")
    assert cards.count() >= 1
    for i in range(cards.count()):
        assert cards.nth(i).get_attribute("loading") == "lazy"


def test_article_hero_is_eager(visit):
    img = visit(PAGES["article"]).page.locator(".article__image img, img.article__image").first
    assert img.get_attribute("fetchpriority") == "high"
    assert img.get_attribute("loading") != "lazy"
