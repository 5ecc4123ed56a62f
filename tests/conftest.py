"""Fixtures every test module shares: the demo site built once per test database, a clean cache per test, a
signed-in superuser, and the SMTP servers of tests.support.smtp.

Speed (the suite is everyone's loop): uploads and renditions go to a temporary MEDIA_ROOT made once per run
(never the repository's ./media), passwords use a fast hasher, and every demo page is rendered once in the
session setup so its image renditions are committed and reused by every test instead of being encoded again
(AVIF encoding dominated page-rendering tests)."""

import os
import shutil
import tempfile

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from demo.loader import load
from tests.support import built_database
from tests.support.review import approve_spanish_health_pages

# Real SMTP servers (aiosmtpd), a closed port and a silent server, for any test module to use.
from tests.support.smtp import closed_smtp, hanging_smtp, smtp_server  # noqa: F401

# One temporary folder per run (and per xdist worker) for uploads, renditions and the SQLite test database.
_TMP = tempfile.mkdtemp(prefix="limbic-test-")
_MEDIA_ROOT = os.path.join(_TMP, "media")


def _redis_database_per_worker():
    """Each test clears the cache, so two xdist workers must not share a Redis database: worker N uses the
    configured database number + N (subprocesses the tests start inherit it through CACHE_URL)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
    if not worker.startswith("gw") or not url.startswith("redis"):
        return
    base, _, number = url.rpartition("/")
    database = (int(number) if number.isdigit() else 0) + int(worker[2:])
    os.environ["CACHE_URL"] = f"{base}/{database}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": os.environ["CACHE_URL"]}}


def pytest_configure(config):
    # Subprocesses the tests start (manage.py, gunicorn) inherit the same temporary folder.
    os.environ["MEDIA_ROOT"] = _MEDIA_ROOT
    settings.MEDIA_ROOT = _MEDIA_ROOT
    _redis_database_per_worker()
    # SQLite's test database in a file, not shared-cache memory: concurrent requests then wait on WAL and the busy
    # timeout as in production, instead of failing "table is locked" (pytest-django adds each xdist worker's suffix).
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = os.path.join(_TMP, "test.sqlite3")
    # Password hashing is not under test here, and PBKDF2 costs ~0.2 s per user created.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_unconfigure(config):
    shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Tests share one cache (Redis in CI); each starts from empty so none sees another's state.
    cache.clear()
    yield
    cache.clear()
    # A language a test (or a request it made in this thread) activated must not leak into the next test.
    translation.deactivate()


def _render_every_page_once():
    """Commit each demo page's image renditions, so tests find them instead of encoding them again."""
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            client.get(url)
    cache.clear()


def _sqlite_build_key():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return built_database.key(database["ENGINE"])


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """Start from a kept build of the demo database when one matches the source (tests.support.built_database);
    Django then only checks it is migrated. Otherwise pytest-django creates and migrates a new one."""
    build_key = _sqlite_build_key()
    if request.config.getvalue("reuse_db") or build_key is None:
        return request.config.getvalue("reuse_db")
    request.config._demo_database_restored = built_database.restore(
        build_key, settings.DATABASES["default"]["TEST"]["NAME"], _MEDIA_ROOT
    )
    return request.config._demo_database_restored


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    # Build the demo site once per test database; each test runs in a transaction rolled back after it.
    if getattr(request.config, "_demo_database_restored", False):
        return
    with django_db_blocker.unblock():
        load()
        approve_spanish_health_pages()
        _render_every_page_once()
        build_key = _sqlite_build_key()
        if build_key is not None:
            from django.db import connection

            built_database.keep(build_key, connection, _MEDIA_ROOT)


@pytest.fixture
def demo(db):
    """The demo site, as `make run` builds it; returns the English home page."""
    from site_core.models import HomePage

    home = HomePage.objects.filter(locale__language_code="en").first()
    # A transactional test before this one may have flushed the database.
    if home is None:
        home = load()
        approve_spanish_health_pages()
    return home


@pytest.fixture
def rebuilt_after_flush(django_db_blocker):
    """For tests on transactional_db (which flushes the database): requested before it, so it tears down after
    the flush, and puts back the rows Wagtail's migrations made (locale, root page, root collection), so the
    next test's `demo` fixture can rebuild the demo site."""
    yield
    from wagtail.models import Collection, Locale, Page

    with django_db_blocker.unblock():
        Locale.objects.get_or_create(language_code="en")
        if not Page.get_first_root_node():
            Page.add_root(instance=Page(title="Root", slug="root", content_type=Page().content_type))
        if not Collection.get_first_root_node():
            Collection.add_root(name="Root")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "a-long-test-password-1")
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def verify_second_factor(client, user):
    """Give a force-logged-in client a session that has passed two-step sign-in (site_core.security.two_factor)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
