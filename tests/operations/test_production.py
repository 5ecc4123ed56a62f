"""Production behaviour: the anonymous page cache, the health check, and `check --deploy` under production settings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from site_core.caching import page_cache
from site_core.caching.page_cache import PageCacheMiddleware
from site_core.models import ClinicSettings, Menu
from site_core.security.headers import SecurityHeadersMiddleware

BASE_DIR = Path(__file__).resolve().parents[2]


def _nonce(response):
    return response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]


def _about(demo):
    return demo.get_children().get(slug="about").specific


# --- page cache -------------------------------------------------------------------------------------------


def test_a_cache_hit_costs_no_database_query(client, demo, django_assert_num_queries):
    first = client.get("/about/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get("/about/")
    assert hit.status_code == 200
    assert hit["X-Page-Cache"] == "hit"
    # The same page, except that the security headers and any nonce in it are this request's own.
    old_nonce, new_nonce = _nonce(first), _nonce(hit)
    assert old_nonce != new_nonce
    assert hit.content.replace(new_nonce.encode(), old_nonce.encode()) == first.content
    assert old_nonce.encode() not in hit.content
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_each_language_and_path_has_its_own_entry(client, demo):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    # Tracking parameters share the page's copy (tests/caching/test_page_cache_http.py).
    assert client.get("/about/?utm_source=x")["X-Page-Cache"] == "hit"
    spanish = client.get("/es/")
    assert spanish.status_code == 200
    assert spanish["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/es/")["X-Page-Cache"] == "hit"


def test_publishing_a_page_purges_the_cache(client, demo):
    about = _about(demo)
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    client.get("/services/")
    about.title = "About the clinic, freshly edited"
    about.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"About the clinic, freshly edited" in response.content
    # Other pages show the title (menus, links), so they are rebuilt as well.
    assert client.get("/services/")["X-Page-Cache"] == "miss"


def test_a_copy_rebuilt_before_the_publish_commits_is_dropped_after_it(
    client, demo, django_capture_on_commit_callbacks
):
    about = _about(demo)
    with django_capture_on_commit_callbacks() as callbacks:
        about.title = "Committed a moment later"
        about.save_revision().publish()
        # Another server could rebuild the page now, from rows this transaction has not committed yet.
        assert client.get("/about/")["X-Page-Cache"] == "miss"
        assert client.get("/about/")["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_purges_the_cache(client, demo):
    about = _about(demo)
    client.get("/about/")
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_moving_and_deleting_pages_purge_the_cache(client, demo):
    services = demo.get_children().get(slug="services")
    about = _about(demo)
    client.get("/")
    about.move(services, pos="last-child")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/services/about/").status_code == 200
    client.get("/services/about/")
    about.refresh_from_db()
    about.delete()
    assert client.get("/services/about/").status_code == 404


def test_menus_and_clinic_settings_purge_every_page(client, demo):
    client.get("/about/")
    menu = Menu.objects.first()
    menu.save()
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    settings = ClinicSettings.objects.first()
    settings.save()
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_an_appointment_request_leaves_the_page_cache_alone(client, demo):
    from wagtail.models import ReferenceIndex

    from contact.models import AppointmentRequest, NotificationRoute

    client.get("/about/")
    before = page_cache.generation()
    from django.utils import timezone

    service = demo.get_children().get(slug="services").get_children().first()
    request = AppointmentRequest.objects.create(
        first_name="Ana", last_name="Lopez", email="ana@example.com", consented_at=timezone.now(), service_page=service
    )
    request.status = AppointmentRequest.CONTACTED
    request.save()
    NotificationRoute.objects.create(service_page=demo.get_children().get(slug="services"), recipients="a@example.com")
    assert page_cache.generation() == before
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    # Nor do requests appear in Wagtail's usage index.
    assert not ReferenceIndex.objects.filter(object_id=str(request.pk), content_type__model="appointmentrequest")


def test_an_editor_is_never_given_a_cached_page_and_never_fills_the_cache(admin_client, demo):
    client = Client()  # the anonymous reader, beside the editor's own client
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    editor_view = admin_client.get("/about/")
    assert editor_view.status_code == 200
    assert "X-Page-Cache" not in editor_view
    # What the editor saw was not stored for readers either.
    admin_client.get("/services/")
    assert client.get("/services/")["X-Page-Cache"] == "miss"


def test_a_reader_with_a_session_or_messages_is_not_served_from_the_cache(client, demo):
    client.get("/about/")
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/about/")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/about/")


def test_posts_errors_and_the_admin_are_not_cached(client, demo):
    assert client.get("/no-such-page/").status_code == 404
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/healthz/")


def _through_middlewares(view):
    return SecurityHeadersMiddleware(PageCacheMiddleware(view))


@pytest.mark.parametrize(
    "make_response",
    [
        lambda request: _with_header(HttpResponse("form"), "Cache-Control", "private, no-store"),
        lambda request: _with_header(HttpResponse("form"), "Cache-Control", "no-cache"),
        lambda request: HttpResponse(f"<input value='{get_token(request)}'>"),
        lambda request: _with_cookie(HttpResponse("hello")),
        lambda request: HttpResponse("created", status=201),
    ],
    ids=["private-no-store", "no-cache", "csrf-token", "sets-cookie", "not-200"],
)
def test_private_csrf_and_cookie_setting_responses_are_never_stored(make_response, rf):
    calls = []

    def view(request):
        calls.append(request)
        return make_response(request)

    middleware = _through_middlewares(view)
    for _ in range(2):
        response = middleware(rf.get("/contact/"))
        assert "X-Page-Cache" not in response
    assert len(calls) == 2


def test_previews_are_never_stored(rf):
    def view(request):
        request.is_preview = True
        return HttpResponse("draft")

    middleware = _through_middlewares(view)
    middleware(rf.get("/about/"))
    assert "X-Page-Cache" not in middleware(rf.get("/about/"))


def test_a_hit_gets_a_fresh_nonce_in_the_page_and_the_policy(rf):
    def view(request):
        return HttpResponse(f'<script type="application/ld+json" nonce="{request.csp_nonce}">{{}}</script>')

    middleware = _through_middlewares(view)
    miss = middleware(rf.get("/blog/"))
    hit = middleware(rf.get("/blog/"))
    assert hit["X-Page-Cache"] == "hit"
    nonce = hit.content.decode().split('nonce="')[1].split('"')[0]
    old_nonce = miss.content.decode().split('nonce="')[1].split('"')[0]
    assert nonce != old_nonce
    assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]


def test_a_lost_generation_never_revives_old_entries(client, demo):
    from django.core.cache import cache

    client.get("/about/")
    cache.delete(page_cache.GENERATION_KEY)
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def _with_header(response, name, value):
    response[name] = value
    return response


def _with_cookie(response):
    response.set_cookie("seen", "1")
    return response


@pytest.fixture
def rf():
    return RequestFactory()


# --- health check -----------------------------------------------------------------------------------------


def test_healthz_says_ok_and_nothing_else(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_a_load_balancer_calling_by_ip(client, db):
    response = client.get("/healthz/", HTTP_HOST="10.0.0.17")
    assert response.status_code == 200


def test_healthz_is_503_when_the_database_is_unreachable(client, db):
    with mock.patch("site_core.security.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}
    assert b"refused" not in response.content


def test_healthz_is_503_when_the_cache_is_unreachable(client, db):
    with mock.patch("site_core.security.health.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz/")
    assert response.status_code == 503


# --- deploy checks ----------------------------------------------------------------------------------------


def production_env(**extra):
    env = {
        **os.environ,
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "clinic.example",
        "CSRF_TRUSTED_ORIGINS": "https://clinic.example",
        "TRUST_X_FORWARDED_PROTO": "on",
        "WAGTAILADMIN_BASE_URL": "https://clinic.example",
    }
    env.update(extra)
    return env


def test_check_deploy_gives_no_warnings_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_gunicorn_config_is_checked_in_and_loads():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py", "site_core.wsgi"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_s3_media_and_cdn_purging_switch_on_from_the_environment_only():
    code = (
        "from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND']); print(s.MEDIA_URL); "
        "print(sorted(s.WAGTAILFRONTENDCACHE)); print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS)"
    )
    configured = production_env(
        AWS_STORAGE_BUCKET_NAME="clinic-media",
        AWS_S3_CUSTOM_DOMAIN="media.clinic.example",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:8080",
        FRONTEND_CACHE_CLOUDFLARE_ZONEID="zone",
        FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN="token",
    )
    plain = production_env()
    for name in list(plain):
        if name.startswith(("AWS_", "FRONTEND_CACHE_")):
            del plain[name]
    outputs = [
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout.split("\n")
        for env in (configured, plain)
    ]
    assert outputs[0][:4] == [
        "storages.backends.s3.S3Storage",
        "https://media.clinic.example/",
        "['cloudflare', 'http']",
        "True",
    ]
    assert outputs[1][:4] == ["django.core.files.storage.FileSystemStorage", "/media/", "[]", "False"]


def test_a_page_rendered_across_a_purge_is_never_served_from_the_cache(rf):
    renders = []

    def view(request):
        renders.append(request.path)
        if len(renders) == 1:
            page_cache.purge_all()  # an editor publishes while this render is under way
        return HttpResponse("page")

    middleware = _through_middlewares(view)
    middleware(rf.get("/about/"))
    assert middleware(rf.get("/about/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/about/"))["X-Page-Cache"] == "hit"
    assert len(renders) == 2


def test_a_hit_is_one_round_trip_to_the_cache(rf):
    from django.core.cache import cache

    middleware = _through_middlewares(lambda request: HttpResponse("page"))
    middleware(rf.get("/about/"))
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
        mock.patch.object(page_cache, "generation", wraps=page_cache.generation) as generation,
        mock.patch.object(cache, "set", wraps=cache.set) as cache_set,
    ):
        assert middleware(rf.get("/about/"))["X-Page-Cache"] == "hit"
    # The token and the page in one get_many (one MGET on Redis); nothing else read or written.
    assert (get_many.call_count, generation.call_count, cache_set.call_count) == (1, 0, 0)
