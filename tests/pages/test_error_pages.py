"""The branded 404 and the 500 page that needs no database."""

from unittest import mock

from django.db import OperationalError
from django.test import RequestFactory

from site_core.pages.errors import server_error


def test_404_is_branded_with_search_phone_and_services(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
    assert 'href="/services/"' in html
    assert "tel:+13238862273" in html
    assert "988" in html and "911" in html
    assert html.count("<h1") == 1


def test_500_renders_without_touching_the_database():
    # No `db` fixture: pytest-django refuses any query, as a dead database would.
    response = server_error(RequestFactory().get("/broken/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    assert "<h1>" in html
    assert "tel:+1" not in html  # no phone could be had, and nothing failed for want of it


def test_500_shows_the_clinic_phone_when_it_can(demo, rf):
    html = server_error(rf.get("/broken/")).content.decode()
    assert 'href="tel:+13238862273"' in html


def test_500_survives_a_failing_cache_or_database(demo, rf):
    with mock.patch("site_core.pages.errors.get_chrome", side_effect=OperationalError("down")):
        response = server_error(rf.get("/broken/"))
    assert response.status_code == 500
    assert "tel:988" in response.content.decode()
