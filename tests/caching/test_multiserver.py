"""More than one app server: two gunicorn servers on two localhost ports share one PostgreSQL database (the
test database, committed through `transactional_db`) and one Redis, as production's servers do behind a load
balancer. Only meaningful on PostgreSQL + Redis (the second pass of .ci/run); SQLite and local memory cannot be
shared between processes.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.net import free_port
from tests.support.production_site import production_env

BASE_DIR = Path(__file__).resolve().parents[2]
SHARED = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")) and os.environ.get(
    "CACHE_URL", os.environ.get("REDIS_URL", "")
).startswith("redis")

pytestmark = pytest.mark.skipif(
    not SHARED,
    reason="needs a shared PostgreSQL (DATABASE_URL) and Redis (CACHE_URL); runs in .ci/run's second pass",
)

PUBLIC_HOST = "clinic.example"


def fetch(base, path, method="GET", form=None, cookies=""):
    """A request as the load balancer forwards it: the public host name, HTTPS at the proxy. No redirects
    are followed. Returns (status, headers as a Message, body text)."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=20)
    headers = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                # Django's CSRF check over HTTPS wants a same-origin Referer.
                "Referer": f"https://{PUBLIC_HOST}{path}",
            }
        )
    if cookies:
        headers["Cookie"] = cookies
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def get(base, path):
    status, headers, body = fetch(base, path)
    return status, dict(headers), body


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) the workers send to."""
    from tests.support.smtp import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def server_env(tmp_path, smtp):
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    # The test database and this worker's Redis database, shared with the servers; production's queue (the default):
    # a post stores and enqueues, the db_worker processes send.
    env = production_env(
        tmp_path,
        database_url=database_url,
        cache_url=os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""),
        allowed_hosts=f"{PUBLIC_HOST},127.0.0.1",
        email_url=f"smtp://127.0.0.1:{smtp.port}",
        inherit=True,
        TRUST_X_FORWARDED_PROTO="on",
        LOG_LEVEL="WARNING",
        APPOINTMENT_RATE_LIMIT="3",
        APPOINTMENT_RATE_WINDOW="600",
        APPOINTMENT_MIN_FILL_SECONDS="0",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    return env


class Processes:
    """Child processes started for one test, each logging to a file, all stopped at the end."""

    def __init__(self, env, folder):
        self.env, self.folder, self.procs = env, folder, []

    def start(self, name, *args, **env):
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 -- closed with the process
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=BASE_DIR,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.name = name
        self.procs.append(proc)
        return proc

    def assert_running(self, proc):
        assert proc.poll() is None, (self.folder / f"{proc.name}.log").read_text()[-2000:]

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                # Quick shutdown (gunicorn and db_worker both stop at once on SIGINT); nothing is in flight.
                proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def processes(rebuilt_after_flush, transactional_db, demo, server_env, tmp_path):
    # transactional_db commits, so the servers and workers see what the test writes, and the test theirs.
    procs = Processes(server_env, tmp_path)
    yield procs
    procs.stop()


@pytest.fixture
def two_servers(processes):
    bases = []
    for n in range(2):
        port = free_port()
        proc = processes.start(
            f"gunicorn-{n}",
            *("-m", "gunicorn", "-c", "gunicorn.conf.py", "site_core.wsgi"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="2",
        )
        bases.append((proc, f"http://127.0.0.1:{port}"))
    deadline = time.monotonic() + 45
    for proc, base in bases:
        while True:
            processes.assert_running(proc)
            try:
                if get(base, "/healthz/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start within 45 s"
            time.sleep(0.2)
    return [base for _proc, base in bases]


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


def _form_fields(html):
    """The hidden fields the contact form carries: the CSRF token and the signed start time."""
    fields = {}
    for name in ("csrfmiddlewaretoken", "started"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html) or re.search(rf'value="([^"]*)" name="{name}"', html)
        assert match, f"the contact form has no {name} field"
        fields[name] = match.group(1)
    return fields


def _request_form(n, hidden):
    return {
        **hidden,
        "first_name": f"Patient{n}",
        "last_name": "Lopez",
        "email": f"patient{n}@example.com",
        "phone": "+1 323-886-2273",
        "contact_method": "phone",
        "best_time": "Mornings",
        "service": "unsure",
        "patient_kind": "new",
        "message": "I would like to talk about treatment options.",
        "consent": "on",
        "website": "",
    }


def test_the_rate_limit_counts_across_servers_and_two_workers_deliver_each_request_once(processes, two_servers, smtp):
    from django.apps import apps

    appointment_model = apps.get_model("contact", "AppointmentRequest")
    one, two = two_servers
    workers = [processes.start(f"worker-{n}", "manage.py", "db_worker", "--interval", "0.2") for n in range(2)]

    # A browser's session on the first server: the form page sets the CSRF cookie and is never cached.
    status, headers, html = fetch(one, "/contact/")
    assert status == 200
    assert "no-store" in headers["Cache-Control"] and "X-Page-Cache" not in headers
    cookie = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    hidden = _form_fields(html)

    # APPOINTMENT_RATE_LIMIT is 3: posts alternate between the servers, and the fourth is refused.
    answers = [
        fetch(base, "/contact/", "POST", _request_form(n, hidden), cookie)[0]
        for n, base in enumerate([one, two, one, two])
    ]
    assert answers == [303, 303, 303, 429]
    assert appointment_model.objects.count() == 3

    # Both workers poll the same queue; every request's two emails are sent, each exactly once.
    deadline = time.monotonic() + 30
    while (
        appointment_model.objects.filter(staff_sent_at=None).exists()
        or appointment_model.objects.filter(ack_sent_at=None).exists()
    ):
        for worker in workers:
            processes.assert_running(worker)
        assert time.monotonic() < deadline, "the workers did not deliver within 30 s"
        time.sleep(0.2)
    time.sleep(1)  # room for a duplicate to arrive, if a second worker sent one
    acknowledgements = [m for m in smtp.messages if any(to.startswith("patient") for to in m.envelope_to)]
    assert sorted(to for m in acknowledgements for to in m.envelope_to) == [f"patient{n}@example.com" for n in range(3)]
    assert len(smtp.messages) == 6
    assert all(row.staff_attempts == 1 and row.ack_attempts == 1 for row in appointment_model.objects.all())


def test_one_form_posted_to_both_servers_at_once_is_stored_once_and_emailed_once(processes, two_servers, smtp):
    """Issue 20: a double click (or a retry) that the load balancer sends to two servers stores one request."""
    import threading

    from django.apps import apps

    appointment_model = apps.get_model("contact", "AppointmentRequest")
    worker = processes.start("worker", "manage.py", "db_worker", "--interval", "0.2")
    status, headers, html = fetch(two_servers[0], "/contact/")
    assert status == 200
    cookie = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    hidden = _form_fields(html)
    key = re.search(r'name="submission_key" value="([^"]*)"', html)
    assert key, "the contact form carries no submission key"
    form = {**_request_form(0, hidden), "submission_key": key.group(1)}

    barrier = threading.Barrier(2)
    answers = []

    def post(base):
        barrier.wait()
        answers.append(fetch(base, "/contact/", "POST", form, cookie)[0])

    threads = [threading.Thread(target=post, args=(base,)) for base in two_servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert answers == [303, 303]
    assert appointment_model.objects.count() == 1

    deadline = time.monotonic() + 30
    while appointment_model.objects.filter(staff_sent_at=None).exists() or len(smtp.messages) < 2:
        processes.assert_running(worker)
        assert time.monotonic() < deadline, "the worker did not deliver within 30 s"
        time.sleep(0.2)
    time.sleep(1)  # room for a duplicate to arrive
    assert len(smtp.messages) == 2
