"""More than one app server: two gunicorn servers on two localhost ports share one PostgreSQL database (the
test database, committed through `transactional_db`) and one Redis, as production's servers do behind a load
balancer. Only meaningful on PostgreSQL + Redis (the second pass of .ci/run); SQLite and local memory cannot be
shared between processes.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")) and os.environ.get(
    "CACHE_URL", os.environ.get("REDIS_URL", "")
).startswith("redis")

pytestmark = pytest.mark.skipif(
    not SHARED,
    reason="needs a shared PostgreSQL (DATABASE_URL) and Redis (CACHE_URL); runs in .ci/run's second pass",
)

PUBLIC_HOST = "clinic.example"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path):
    """A GET as the load balancer forwards it: the public host name, HTTPS at the proxy."""
    request = urllib.request.Request(base + path, headers={"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def server_env(tmp_path):
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
        "TRUST_X_FORWARDED_PROTO": "on",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    return env


@pytest.fixture
def rebuilt_after_flush(django_db_blocker):
    """Requested before transactional_db, so it tears down after its flush: puts back the rows Wagtail's
    migrations made (root page and collection) and the demo site, as the session fixture left them."""
    yield
    from wagtail.models import Collection, Locale, Page

    from site_core.demo.loader import load

    with django_db_blocker.unblock():
        Locale.objects.get_or_create(language_code="en")
        if not Page.get_first_root_node():
            Page.add_root(instance=Page(title="Root", slug="root", content_type=Page().content_type))
        if not Collection.get_first_root_node():
            Collection.add_root(name="Root")
        load()


@pytest.fixture
def two_servers(rebuilt_after_flush, transactional_db, demo, server_env, tmp_path):
    # transactional_db commits, so the servers see what the test writes.
    procs, bases = [], []
    try:
        for n in range(2):
            port = _free_port()
            log = open(tmp_path / f"gunicorn-{n}.log", "wb")  # noqa: SIM115
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "site_core.wsgi"],
                    cwd=BASE_DIR,
                    env={**server_env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 45
        for n, base in enumerate(bases):
            while True:
                assert procs[n].poll() is None, (tmp_path / f"gunicorn-{n}.log").read_text()[-2000:]
                try:
                    if get(base, "/healthz/")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not start within 45 s"
                time.sleep(0.2)
        yield bases
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_a_page_published_through_one_server_is_fresh_on_both(two_servers, demo):
    one, two = two_servers
    status, headers, body = get(one, "/about/")
    assert status == 200 and headers.get("X-Page-Cache") == "miss"
    # The second server is handed the page the first one stored: the cache is shared.
    status, headers, _ = get(two, "/about/")
    assert status == 200 and headers.get("X-Page-Cache") == "hit"
    assert "Content-Security-Policy" in headers and "Strict-Transport-Security" in headers
    for base in two_servers:
        # As a load balancer probes: by IP and port, plain HTTP, no public host name.
        with urllib.request.urlopen(base + "/healthz/", timeout=10) as response:
            assert response.status == 200 and response.read() == b'{"status": "ok"}'

    about = demo.get_children().get(slug="about").specific
    about.title = "About us, as published a moment ago"
    about.save_revision().publish()

    # The first request after publishing rebuilds the page; the other server is handed that fresh copy.
    status, headers, body = get(two, "/about/")
    assert status == 200 and headers.get("X-Page-Cache") == "miss"
    assert "About us, as published a moment ago" in body
    status, headers, body = get(one, "/about/")
    assert status == 200 and headers.get("X-Page-Cache") == "hit"
    assert "About us, as published a moment ago" in body
    # The menus on other pages, built by either server, carry the new title too.
    status, _, body = get(two, "/services/")
    assert "About us, as published a moment ago" in body
