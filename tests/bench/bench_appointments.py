"""Latency of POST /contact/ with the SMTP server up, down (port closed) and silent.

    .venv/bin/python tests/bench/bench_appointments.py [--count 200]

In process, through Django's full middleware stack, on a fresh SQLite database in a temporary folder
(or DATABASE_URL if set), with the embedded default task backend: delivery runs in the request's
on-commit, so this measures the worst case a patient can meet. Prints p50/p99 per case.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-appointments-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings")
os.environ.update({"APPOINTMENT_RATE_LIMIT": "100000000", "APPOINTMENT_MIN_FILL_SECONDS": "0", "LOG_LEVEL": "ERROR"})

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from contact.models import AppointmentRequest  # noqa: E402
from demo.loader import load  # noqa: E402
from tests.support.net import free_port  # noqa: E402
from tests.support.smtp import SmtpServer  # noqa: E402


def smtp_settings(port, timeout):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=timeout,
    )


def form_body(client, n):
    html = client.get("/contact/").content.decode()
    started = html.split('name="started" value="', 1)[1].split('"', 1)[0]
    return {
        "first_name": "Ana",
        "last_name": f"Bench{n}",
        "email": f"bench-{n}@example.com",
        "phone": f"(213) 555-{n % 10000:04d}",
        "contact_method": "email",
        "best_time": "Mornings",
        "service": "unsure",
        "patient_kind": "new",
        "message": "",
        "consent": "on",
        "website": "",
        "started": started,
    }


def measure(label, count):
    client = Client()
    times = []
    for n in range(count):
        data = form_body(client, n)
        start = time.perf_counter()
        response = client.post("/contact/", data)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 303, response.status_code
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"{label:<34} n={count:<5} p50 {statistics.median(times):7.1f} ms   p99 {p99:7.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--hanging-count", type=int, default=5)
    args = parser.parse_args()

    call_command("migrate", verbosity=0, interactive=False)
    load()

    server = SmtpServer().start()
    with smtp_settings(server.port, timeout=10):
        measure("SMTP up", args.count)
    print(f"  emails received: {len(server.messages)} (expected {2 * args.count})")
    server.stop()

    with smtp_settings(free_port(), timeout=10):
        measure("SMTP down (port closed)", args.count)
    failing = AppointmentRequest.objects.filter(staff_sent_at__isnull=True).exclude(staff_last_error="").count()
    print(f"  requests stored with the error recorded: {failing}")

    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    with smtp_settings(silent.getsockname()[1], timeout=1):
        measure("SMTP silent (EMAIL_TIMEOUT=1)", args.hanging_count)
    silent.close()
    print(f"  stored in all: {AppointmentRequest.objects.count()}")


if __name__ == "__main__":
    main()
