"""site_core.caching.routing: a path served once is found again in one query, and never outlives a change to the tree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from services.models import ServicePage
from site_core.caching import page_cache

DEPRESSION = "/services/depression/"


@pytest.fixture(autouse=True)
def _renders(settings):
    # Every request below renders, so each one goes through the router.
    settings.PAGE_CACHE_SECONDS = 0


def _queries(client, url):
    """(status, the SQL of each query of the request)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in ctx.captured_queries]


def _reads(queries, table):
    return any(f'FROM "{table}"' in sql for sql in queries)


@pytest.mark.parametrize("url", ["/", DEPRESSION, "/es/servicios/depresion/", "/contact/thank-you/", "/blog/"])
def test_a_served_path_skips_the_site_locale_and_tree_walk(client, demo, url):
    first_status, first = _queries(client, url)
    status, second = _queries(client, url)
    assert first_status == status == 200
    assert _reads(first, "wagtailcore_site")
    assert not _reads(second, "wagtailcore_site")
    assert not _reads(second, "wagtailcore_locale")
    assert len(second) < len(first)


def test_the_cached_route_serves_the_right_page_and_language(client, demo):
    client.get("/services/anxiety/")
    client.get("/es/servicios/ansiedad/")
    english, spanish = client.get("/services/anxiety/"), client.get("/es/servicios/ansiedad/")
    assert english.context["page"].slug == "anxiety"
    assert spanish.context["page"].locale.language_code == "es"
    assert english.context["page"].translation_key == spanish.context["page"].translation_key


def test_an_unpublished_page_is_not_served_from_its_cached_route(client, demo):
    assert client.get(DEPRESSION).status_code == 200
    ServicePage.objects.get(slug="depression", locale__language_code="en").unpublish()
    assert client.get(DEPRESSION).status_code == 404


def test_a_renamed_page_moves_and_its_old_path_no_longer_shows_it(client, demo):
    assert client.get(DEPRESSION).status_code == 200
    page = ServicePage.objects.get(slug="depression", locale__language_code="en")
    page.slug = "depression-care"
    page.save_revision().publish()
    old = client.get(DEPRESSION)
    assert old.status_code in (301, 302, 404)  # Wagtail may add a redirect; never the stale page
    new = client.get("/services/depression-care/")
    assert new.status_code == 200
    assert new.context["page"].pk == page.pk


def test_a_deleted_page_gives_404_not_an_error(client, demo):
    assert client.get(DEPRESSION).status_code == 200
    Page.objects.get(pk=ServicePage.objects.get(slug="depression", locale__language_code="en").pk).delete()
    assert client.get(DEPRESSION).status_code == 404


def test_a_site_change_starts_a_new_generation(demo):
    before = page_cache.generation()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Limbic Medical (renamed)"
    site.save()
    assert page_cache.generation() != before


def test_unknown_paths_are_404_and_util_urls_stay_wagtails(client, demo):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    # Wagtail's own "_util/" views are not taken for page paths.
    assert client.get("/_util/login/").status_code == 200
