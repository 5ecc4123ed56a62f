"""The smaller defects issue 19 found on the way to launch, each reproduced as reported."""

import os
import subprocess
import sys

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotFound
from django.templatetags.static import static
from django.urls import resolve, reverse
from django.utils import translation
from wagtail.models import Page

from contact.delivery import staff_recipients
from contact.models import NotificationRoute
from site_core.caching.chrome import CACHE_KEY
from site_core.models import ClinicSettings
from site_core.security.static_files import StaticFilesMiddleware
from tests.contact.test_contact_admin import make_request
from tests.operations.test_production import BASE_DIR


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("images/favicon.svg")
    assert finders.find("images/favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]


def test_a_django_log_line_is_printed_once_under_debug():
    code = "import logging; logging.getLogger('django.request').warning('marker-19')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, "DEBUG": "on"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert (result.stdout + result.stderr).count("marker-19") == 1


def test_the_spanish_404_searches_the_spanish_site(client, demo):
    with translation.override("es"):
        spanish_search = reverse("search")
    assert spanish_search.startswith("/es/")
    html = client.get("/es/no-existe/").content.decode()
    assert f'action="{spanish_search}"' in html and 'action="/search/"' not in html
    assert 'action="/search/"' in client.get("/no-such-page/").content.decode()


@pytest.mark.parametrize("url", ["/feed/rss/", "/es/feed/atom/"])
def test_a_feed_keeps_nothing_from_a_request_on_its_shared_instance(client, demo, url):
    feed = resolve(url).func
    state_before = dict(vars(feed))
    assert client.get(url).status_code == 200
    assert vars(feed) == state_before


def test_a_mistyped_clinic_recipient_is_refused_with_a_message(demo):
    clinic = ClinicSettings.objects.get()
    clinic.appointment_recipients = "appointments@example.com\nfront-desk@example,com"
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    assert "appointment_recipients" in refused.value.message_dict
    assert "front-desk@example" in str(refused.value)
    clinic.appointment_recipients = "appointments@example.com, front-desk@example.com"
    clinic.full_clean()


def test_a_request_from_a_spanish_page_follows_the_english_pages_route(demo):
    english = Page.objects.get(locale__language_code="en", slug="depression")
    spanish = english.get_translation(Page.objects.get(locale__language_code="es", depth=2).locale)
    NotificationRoute.objects.create(service_page=english, recipients="mood@example.com")
    assert staff_recipients(make_request(service_page=spanish, language="es")) == ["mood@example.com"]
    # A route set on the Spanish page itself wins over the English one.
    NotificationRoute.objects.create(service_page=spanish, recipients="animo@example.com")
    assert staff_recipients(make_request(service_page=spanish, language="es")) == ["animo@example.com"]


def test_the_static_manifest_is_not_served(tmp_path, rf, settings):
    """whitenoise serves every file under STATIC_ROOT; the manifest of hashed names is not for the public."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.0123456789ab.css").write_text("body{}")
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = settings.WHITENOISE_USE_FINDERS = False
    middleware = StaticFilesMiddleware(lambda request: HttpResponseNotFound())
    assert middleware(rf.get("/static/css/site.0123456789ab.css")).status_code == 200
    assert middleware(rf.get("/static/staticfiles.json")).status_code == 404
    assert "site_core.security.static_files.StaticFilesMiddleware" in settings.MIDDLEWARE
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in settings.MIDDLEWARE


def test_a_release_drops_cached_sites_and_settings_pickled_by_the_last_one(client, demo):
    """Pickled Site and settings objects must not outlive a deploy: every release runs migrate, whose
    post_migrate runs this (tests/operations/test_site_address.py proves it with a real migrate)."""
    from django.core.cache import cache

    from site_core.caching import page_cache
    from site_core.caching.signals import drop_after_migrate

    client.get("/")
    chrome_key = CACHE_KEY.format(site=demo.get_site().pk, language="en")
    assert cache.get(chrome_key) is not None
    generation = page_cache.generation()
    drop_after_migrate()
    assert cache.get(chrome_key) is None
    assert page_cache.generation() != generation
