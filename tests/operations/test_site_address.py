"""SITE_URL: the default Site's address is set from the environment on migrate, and every absolute URL a page,
the sitemap, the feeds and the emails give uses it (issue 19: they all said http://localhost/)."""

import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from site_core.operations.site_address import apply_site_url, parse_site_url

SITE_URL = "https://www.limbicmedical.com"
ARTICLE_PATH = "/blog/ketamine-and-depression-an-integrative-approach/"


@pytest.fixture
def launched(demo, settings):
    settings.SITE_URL = SITE_URL
    apply_site_url(verbosity=0)  # what migrate runs at its end (proved once below, with a real migrate)
    return demo


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.limbicmedical.com", ("www.limbicmedical.com", 443)),
        ("https://www.limbicmedical.com/", ("www.limbicmedical.com", 443)),
        ("http://127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("http://clinic.example", ("clinic.example", 80)),
    ],
)
def test_site_url_gives_the_sites_hostname_and_port(url, expected):
    assert parse_site_url(url) == expected


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("www.limbicmedical.com", "https://www.example.com"),
        ("ftp://clinic.example", "https://www.example.com"),
        ("https://clinic.example/blog/", "no path"),
        ("https://clinic.example:8443", "port 443"),
    ],
)
def test_a_site_url_wagtail_cannot_link_is_refused_with_a_message(url, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        parse_site_url(url)


def test_migrate_points_the_default_site_at_site_url_once(demo, settings, client):
    """A real `migrate` (each deploy's release step) moves the Site and drops what the last release cached."""
    from django.core.cache import cache

    from site_core.caching import page_cache
    from site_core.caching.chrome import CACHE_KEY

    client.get("/")
    chrome_key = CACHE_KEY.format(site=demo.get_site().pk, language="en")
    generation = page_cache.generation()
    assert cache.get(chrome_key) is not None
    settings.SITE_URL = SITE_URL
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("www.limbicmedical.com", 443, SITE_URL)
    assert apply_site_url(verbosity=0) is False  # a second run (the next deploy) changes nothing
    # Pickled Site and settings objects of the previous release are gone, not kept for their 24 hours.
    assert cache.get(chrome_key) is None
    assert page_cache.generation() != generation


def test_without_site_url_migrate_leaves_the_site_alone(demo, settings):
    settings.SITE_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="clinic.example", port=80)
    assert apply_site_url(verbosity=0) is False
    assert Site.objects.get(is_default_site=True).hostname == "clinic.example"


def test_the_demo_loader_keeps_site_url(launched):
    call_command("load_demo_content", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == SITE_URL


def test_canonical_og_url_and_json_ld_use_site_url(client, launched):
    html = client.get(ARTICLE_PATH).content.decode()
    assert f'<link rel="canonical" href="{SITE_URL}{ARTICLE_PATH}">' in html
    assert f'<meta property="og:url" content="{SITE_URL}{ARTICLE_PATH}">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    urls = re.findall(r'"(https?://[^"]+)"', json.dumps(ld))
    own = [u for u in urls if "schema.org" not in u]
    assert own and all(u.startswith(SITE_URL + "/") for u in own), own
    assert "localhost" not in html
    home = client.get("/").content.decode()
    assert f'<link rel="alternate" hreflang="es" href="{SITE_URL}/es/">' in home
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}/">' in home


def test_sitemap_feeds_and_robots_use_site_url(client, launched):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 10 and all(loc.startswith(SITE_URL + "/") for loc in locations)
    assert f"<loc>{SITE_URL}/es/</loc>" in sitemap
    feed = client.get("/feed/rss/").content.decode()
    assert f"<link>{SITE_URL}{ARTICLE_PATH}</link>" in feed and "localhost" not in feed
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_admin_links_in_emails_default_to_site_url():
    import subprocess
    import sys

    from tests.operations.test_production import BASE_DIR, production_env

    env = production_env(SITE_URL=SITE_URL)
    del env["WAGTAILADMIN_BASE_URL"]
    code = "from django.conf import settings as s; print(s.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == SITE_URL
