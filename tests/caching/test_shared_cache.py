"""The cache is shared by every process (issue 19: with DEBUG off and no CACHE_URL, each gunicorn worker kept its
own page cache, so an unpublished page stayed up on some workers and a publish from cron reached none)."""

import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from site_core.caching import page_cache
from site_core.caching.shared_cache import require_shared_cache
from tests.operations.test_production import BASE_DIR, production_env

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _without_cache_variables(**extra):
    env = production_env()
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    return {**env, **extra}


def test_the_default_cache_is_a_bounded_file_cache_every_process_shares():
    code = "from django.conf import settings as s; c = s.CACHES['default']; print(c['BACKEND'], c['LOCATION'], c['OPTIONS'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=_without_cache_variables(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    backend, location, options = result.stdout.strip().split(" ", 2)
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert location == str(BASE_DIR / "var" / "cache")
    assert options == "{'MAX_ENTRIES': 5000}"


@pytest.mark.parametrize("workers", [2, 5])
def test_production_refuses_a_per_process_cache_with_several_workers(settings, workers):
    settings.DEBUG = False
    with override_settings(CACHES=LOCMEM), pytest.raises(ImproperlyConfigured, match="CACHE_URL") as refused:
        require_shared_cache(workers)
    assert f"{workers} workers" in str(refused.value)


def test_one_worker_debug_or_a_shared_cache_are_allowed(settings, tmp_path):
    settings.DEBUG = False
    with override_settings(CACHES=LOCMEM):
        require_shared_cache(1)
    filecache = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path}}
    with override_settings(CACHES=filecache):
        require_shared_cache(4)
    settings.DEBUG = True
    with override_settings(CACHES=LOCMEM):
        require_shared_cache(4)


def test_gunicorn_refuses_to_start_on_local_memory_with_two_workers():
    env = production_env(CACHE_URL="locmemcache://", WEB_CONCURRENCY="2", GUNICORN_BIND="127.0.0.1:0")
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "site_core.wsgi"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr and "CACHE_URL" in result.stderr and "2 workers" in result.stderr


def test_a_purge_in_another_process_reaches_this_one(tmp_path):
    """What cron's `make jobs` or `manage.py` does to the page cache, every web worker sees."""
    location = tmp_path / "cache"
    filecache = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}}
    with override_settings(CACHES=filecache):
        before = page_cache.generation()
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "--no-imports",
                "-c",
                "from site_core.caching import page_cache; page_cache.purge_all()",
            ],
            cwd=BASE_DIR,
            env=_without_cache_variables(CACHE_URL=f"filecache://{location}"),
            check=True,
            timeout=120,
        )
        assert page_cache.generation() != before
        caches["default"].clear()
