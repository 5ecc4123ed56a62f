"""`make drills`: the appointment form under faults, on a real server with a real SMTP server.

    .venv/bin/python tests/bench/drills.py                  # embedded default: SQLite + the file cache
    .venv/bin/python tests/bench/drills.py --postgres       # PostgreSQL + Redis on localhost
    .venv/bin/python tests/bench/drills.py --only fuzz --count 2000

1. smtp-down: COUNT requests posted by concurrent clients while the SMTP port is closed; then a real
   SMTP server (aiosmtpd) is started on that port and the sweeper is run as an operator would once
   the mail server is back (`deliver_pending --now`, two at once, plus `db_worker` when tasks are
   queued in the database). Fails unless the database
   holds COUNT requests, the SMTP server received 2 × COUNT emails (staff + acknowledgement), and
   none twice.
2. fuzz: COUNT generated bodies (seeded: random fields, encodings, charsets, lengths, missing and
   extra fields, invalid UTF-8, control characters, huge fields, bad or missing CSRF tokens).
   Fails on any 5xx or dropped connection.
3. restart: requests queued, a db_worker delivering them to a deliberately slow SMTP server is
   killed with SIGKILL mid-delivery, then started again (with the sweeper). Fails unless every
   request's two emails arrive and none twice.
4. double-submit: DOUBLE_COUNT forms (each with its own one-time submission key), each posted twice at
   the same moment by two connections (a double click, a retry). Fails unless every post is answered
   303, the database holds DOUBLE_COUNT requests and the SMTP server received 2 × DOUBLE_COUNT emails,
   none twice.

The site runs under production settings (DEBUG off) with gunicorn; the rate limit and minimum fill
time are relaxed through their settings for the drills (printed below), since all clients share
one address and post instantly.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "smoke"))

import harness  # noqa: E402
from harness import HOST, AppointmentForm, BenchSite, Client, SmtpSink, log  # noqa: E402

RELAXED = {
    "APPOINTMENT_RATE_LIMIT": "100000000",
    "APPOINTMENT_RATE_WINDOW": "1",
    "APPOINTMENT_MIN_FILL_SECONDS": "0",
}
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
DATABASE_QUEUE = "django_tasks_db.DatabaseBackend"

STORED_SCRIPT = """
from django.apps import apps
model = apps.get_model("contact", "AppointmentRequest")
print(model.objects.count())
"""


class DrillFailed(Exception):
    pass


def post_many(base, form: AppointmentForm, bodies, threads=32, failures=None):
    """POST every (body, headers) pair with `threads` keep-alive clients; a Counter of statuses.

    When `failures` is a list, a short description of each body answered 5xx (or dropped) goes in it.
    """
    client = Client(base, timeout=60)
    statuses = collections.Counter()

    def one(item):
        body, headers = item
        try:
            status = client.post("/contact/", body, headers)
        except OSError as exc:
            status = f"connection error: {type(exc).__name__}"
        if failures is not None and (not isinstance(status, int) or status >= 500):
            failures.append((status, headers.get("Content-Type"), len(body), body[:300]))
        return status

    with ThreadPoolExecutor(threads) as pool:
        for status in pool.map(one, bodies, chunksize=16):
            statuses[status] += 1
    return statuses


def stored(site) -> int:
    return int(site.python(STORED_SCRIPT).strip().splitlines()[-1])


def sweep_until(site, sink, expected, *, deadline_s, queue_in_db):
    """Run the sweeper until `expected` emails arrived: two `deliver_pending --now` at once (each email must
    still go out once; --now skips the backoff, as after a repaired outage), plus the database queue's due
    tasks when tasks are queued there."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        procs = [site.popen_manage("deliver_pending", "--now", "--limit", "1000000") for _ in range(2)]
        worker = site.popen_manage("db_worker", "--no-startup-delay", "--no-reload") if queue_in_db else None
        for proc in procs:
            proc.wait(deadline_s)
        if worker:
            # The queue's tasks wait for their retry time; the sweepers have done what is due.
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(60)
        if sink.count() >= expected:
            time.sleep(2)  # anything still in flight would show as a duplicate
            return
        # Emails a killed worker had claimed wait for the claim to expire before they are due again.
        time.sleep(2)


def drill_smtp_down(site, args, tasks_backend):
    smtp_port = int(urllib.parse.urlsplit(site.env["EMAIL_URL"]).port)
    n = args.count
    queue_in_db = tasks_backend == DATABASE_QUEUE
    log(f"\n[smtp-down] {n} requests, SMTP port {smtp_port} closed, tasks: {tasks_backend.rsplit('.', 1)[-1]}")
    with site.server(workers=args.workers) as server:
        worker = site.popen_manage("db_worker", "--no-startup-delay", "--no-reload") if queue_in_db else None
        try:
            form = AppointmentForm.fetch(server.base)
            headers = form.headers()
            t0 = time.monotonic()
            statuses = post_many(server.base, form, ((form.body(i), headers) for i in range(n)))
            took = time.monotonic() - t0
        finally:
            if worker:
                worker.send_signal(signal.SIGTERM)
                worker.wait(30)
    log(f"  posted in {took:.0f} s ({n / took:.0f}/s): {dict(statuses)}")
    count = stored(site)
    with SmtpSink(smtp_port) as sink:
        t0 = time.monotonic()
        sweep_until(site, sink, 2 * n, deadline_s=args.sweep_deadline, queue_in_db=queue_in_db)
        received, dupes = sink.count(), sink.duplicates()
        log(f"  SMTP up; sweeper delivered {received} emails in {time.monotonic() - t0:.0f} s")
    result = f"stored {count} / emails {received} / duplicates {dupes} (expected {n} / {2 * n} / 0)"
    ok = count == n and received == 2 * n and dupes == 0 and statuses.get(303) == n
    return ok, result + f"; responses {dict(statuses)}"


# ---------------------------------------------------------------------------------------------
# Fuzz

NASTY = [
    "",
    " ",
    "\r\n",
    "Bcc: victim@example.com",
    "a\r\nBcc: x@example.com",
    "\x00",
    "\x07\x1b[31m",
    "José Ñúñez",
    "李小龍",
    "ﷺ",
    "\u202etxt.exe",
    "😀" * 50,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%s%n",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "null",
    "-1",
    "1e309",
    "@",
    "a@b",
    "x@" + "a" * 300 + ".com",
    "+1 (213) 555-0100",
    "213-555-01000000",
    "０１２３",
    "\ud800",
]


def _encode(pairs) -> bytes:
    return urllib.parse.urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode()


def fuzz_bodies(form: AppointmentForm, seed: int, n: int):
    """n (body, headers) pairs from a seeded generator; mostly near-valid, so validation is exercised."""
    rng = random.Random(seed)
    names = list(form.fields)
    base_headers = form.headers()

    def text(max_len):
        kind = rng.random()
        if kind < 0.4:
            return rng.choice(NASTY)
        if kind < 0.7:
            return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, max_len)))
        if kind < 0.9:
            return "".join(
                rng.choice("abcdefghijklmnopqrstuvwxyz @.-+()0123456789") for _ in range(rng.randint(0, max_len))
            )
        return "x" * rng.choice([256, 1001, 5000, 70_000])

    for i in range(n):
        data = form.values(i)
        pairs = list(data.items())
        # Mutate some fields, drop some, add strangers, repeat some.
        for _ in range(rng.randint(0, 4)):
            if pairs and rng.random() < 0.6:
                k = rng.randrange(len(pairs))
                if pairs[k][0] != "csrfmiddlewaretoken" or rng.random() < 0.1:
                    pairs[k] = (pairs[k][0], text(80))
            elif pairs and rng.random() < 0.5:
                pairs.pop(rng.randrange(len(pairs)))
            else:
                pairs.append((rng.choice([*names, "extra", "is_staff", "status", "id", "a" * 300, ""]), text(40)))
        headers = dict(base_headers)
        roll = rng.random()
        if roll < 0.55:
            body = _encode(pairs)
        elif roll < 0.65:
            charset = rng.choice(["latin-1", "utf-16", "ascii", "bogus-charset", "utf-8"])
            headers["Content-Type"] = f"application/x-www-form-urlencoded; charset={charset}"
            body = _encode(pairs)
        elif roll < 0.75:
            # Invalid UTF-8 and broken percent-escapes inside an otherwise fine body.
            body = _encode(pairs) + rng.choice(
                [b"&first_name=%ff%fe", b"&%zz=%", b"&email=\xff\xfe\xfd", b"&=&&==", b"&message=%C0%AF"]
            )
        elif roll < 0.85:
            boundary = "----drill" + str(rng.randrange(10**9))
            parts = []
            for k, v in pairs:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
                    + v.encode("utf-8", "surrogatepass")
                    + b"\r\n"
                )
            if rng.random() < 0.3:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.exe"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                    + rng.randbytes(rng.randint(0, 4096))
                    + b"\r\n"
                )
            body = b"".join(parts) + (f"--{boundary}--\r\n".encode() if rng.random() < 0.8 else b"")
            declared = boundary if rng.random() < 0.9 else "wrong"
            headers["Content-Type"] = f"multipart/form-data; boundary={declared}"
        elif roll < 0.9:
            headers["Content-Type"] = rng.choice(["application/json", "text/plain", "application/xml", ""])
            body = repr(dict(pairs)).encode("utf-8", "surrogatepass")
        elif roll < 0.97:
            body = rng.randbytes(rng.randint(0, 2048))
        else:
            # Huge: a 1–3 MB field, over Django's 2.5 MB in-memory limit at the top end.
            size = rng.choice([1_000_000, 2_000_000, 3_000_000])
            body = _encode([*pairs, ("message", "m" * size)])
        if rng.random() < 0.05:
            headers.pop("Cookie", None)
        if rng.random() < 0.03:
            headers["Cookie"] = "csrftoken=" + "A" * rng.choice([5, 32, 64])
        if not headers.get("Content-Type"):
            headers.pop("Content-Type", None)
        yield body, headers


def drill_fuzz(site, args, tasks_backend):
    n = args.count
    log(f"\n[fuzz] {n} generated bodies, seed {args.seed}")
    with site.server(workers=args.workers) as server:
        form = AppointmentForm.fetch(server.base)
        t0 = time.monotonic()
        examples = []
        statuses = post_many(server.base, form, fuzz_bodies(form, args.seed, n), threads=16, failures=examples)
        took = time.monotonic() - t0
    for status, content_type, length, head in examples[:10]:
        log(f"  {status} for a {length}-byte body, Content-Type {content_type!r}: {head!r}")
    log(f"  {n} bodies in {took:.0f} s: {dict(sorted(statuses.items(), key=str))}")
    bad = {s: c for s, c in statuses.items() if not isinstance(s, int) or s >= 500}
    result = f"responses {dict(sorted(statuses.items(), key=str))}"
    return not bad, result + (f"; FAILURES {bad}" if bad else "; no 5xx, no dropped connection")


# ---------------------------------------------------------------------------------------------
# Restart


def drill_restart(site, args, tasks_backend):
    smtp_port = int(urllib.parse.urlsplit(site.env["EMAIL_URL"]).port)
    n = args.restart_count
    log(f"\n[restart] {n} requests queued; db_worker killed (SIGKILL) mid-delivery, then restarted")
    with site.server(workers=args.workers) as server:
        form = AppointmentForm.fetch(server.base)
        headers = form.headers()
        statuses = post_many(server.base, form, ((form.body(i), headers) for i in range(n)), threads=8)
    log(f"  posted: {dict(statuses)}")
    kills = []
    with SmtpSink(smtp_port, delay=args.smtp_delay) as sink:
        for round_ in range(args.kills):
            worker = site.popen_manage("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2")
            target = (round_ + 1) * 2 * n // (args.kills + 1)
            deadline = time.monotonic() + 120
            while sink.count() < target and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.02)
            time.sleep(random.Random(round_).uniform(0, args.smtp_delay))  # land inside a send
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            kills.append(sink.count())
            log(f"  killed the worker after {sink.count()} emails")
        worker = site.popen_manage("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2")
        try:
            t0 = time.monotonic()
            sweep_until(site, sink, 2 * n, deadline_s=args.sweep_deadline, queue_in_db=False)
            log(f"  restarted worker + sweeper finished in {time.monotonic() - t0:.0f} s")
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
        received, dupes = sink.count(), sink.duplicates()
    count = stored(site)
    result = (
        f"killed at {kills} emails; stored {count} / emails {received} / duplicates {dupes} "
        f"(expected {n} / {2 * n} / 0)"
    )
    return count == n and received == 2 * n and dupes == 0, result


# ---------------------------------------------------------------------------------------------
# Backup and restore

EMAILS_SCRIPT = """
from django.apps import apps
model = apps.get_model("contact", "AppointmentRequest")
print("\\n".join(sorted(model.objects.values_list("email", flat=True))))
"""


def emails(site, env=None) -> set[str]:
    return set(site.python(EMAILS_SCRIPT, env=env).split())


def drill_restore(site, args, tasks_backend):
    """Back up (encrypted with age) while requests are posted; restore into a fresh database and media folder;
    serve the restored site with make preview's stack and crawl it through Caddy."""
    import threading

    import preview_smoke

    n = args.restore_count
    log(f"\n[restore] {n} requests stored, then a backup taken while more are posted; restored and served")
    keys = site.tmp / "age-identity.txt"
    subprocess.run(["age-keygen", "-o", str(keys)], check=True, capture_output=True)
    recipient = subprocess.run(["age-keygen", "-y", str(keys)], check=True, capture_output=True, text=True).stdout
    backups = site.tmp / "backups"
    posting = threading.Event()
    with site.server(workers=args.workers) as server:
        form = AppointmentForm.fetch(server.base)
        headers = form.headers()
        post_many(server.base, form, ((form.body(i), headers) for i in range(n)), threads=8)
        before = emails(site)
        during = collections.Counter()

        def keep_posting():
            client, i = Client(server.base, timeout=60), n
            while not posting.is_set():
                during[client.post("/contact/", form.body(i), headers)] += 1
                i += 1

        poster = threading.Thread(target=keep_posting, daemon=True)
        poster.start()
        t0 = time.monotonic()
        site.manage("backup", "--dir", str(backups), env={"BACKUP_AGE_RECIPIENT": recipient.strip()})
        took = time.monotonic() - t0
        posting.set()
        poster.join(60)
    archive = next(backups.glob("limbic-*.tar.gz.age"))
    log(f"  backup took {took:.1f} s while {sum(during.values())} more requests were posted {dict(during)}")

    # A fresh database and media folder, as on a new machine.
    data = site.tmp / "restored"
    data.mkdir()
    port = harness.free_port()
    dropped = (
        "DATABASE_URL",
        "CACHE_URL",
        "MEDIA_ROOT",
        "STATIC_ROOT",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "EMAIL_URL",
        "TASKS_BACKEND",
    )
    base = {k: v for k, v in site.env.items() if k not in dropped and not k.startswith("DJANGO_")}
    base.update({"PREVIEW_DIR": str(data), "PREVIEW_PORT": str(port)})
    restored_db = None
    if site.env["DATABASE_URL"].startswith("postgres"):
        restored_db = f"{site._pg_db}_restored"
        site._pg_exec(f'DROP DATABASE IF EXISTS "{restored_db}"', f'CREATE DATABASE "{restored_db}"')
        parts = urllib.parse.urlsplit(site.env["DATABASE_URL"])
        base["DATABASE_URL"] = parts._replace(path=f"/{restored_db}").geturl()
        base["CACHE_URL"] = site.env["CACHE_URL"]
    try:
        env, _shared = preview_smoke._preview_module().environment(port, data, base)
        restored = site.manage("restore", str(archive), env={**env, "BACKUP_AGE_IDENTITY": str(keys)})
        log("  " + restored.stdout.strip().splitlines()[0])
        after = emails(site, env=env)
        missing = before - after
        failures = []
        proc = preview_smoke.launch(base, data)
        try:
            client = preview_smoke.wait_ready(proc, data, port)
            counts = preview_smoke.crawl(client, f"http://{HOST}:{port}", failures)
        finally:
            preview_smoke.stop(proc, port, failures)
    finally:
        if restored_db:
            site._pg_exec(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')
    result = (
        f"{len(before)} stored before the backup, {len(missing)} missing after the restore "
        f"({len(after)} restored, {sum(during.values())} posted during the backup); crawled {counts['page']} pages, "
        f"{counts['media']} images, {counts['static']} static files through Caddy: {len(failures)} not 200"
    )
    for failure in failures[:10]:
        log("  " + failure)
    return not missing and not failures and len(before) == n, result


# Double submit


def post_pairs(base, form: AppointmentForm, n, threads=16):
    """Post body(i) twice at once for each i < n, from two connections released together; a Counter of statuses."""
    headers = form.headers()
    statuses = collections.Counter()

    def pair(i):
        body = form.body(i)
        barrier = threading.Barrier(2)
        answers = []

        def one():
            client = Client(base, timeout=60)  # a connection per post, as two browser tabs or a retry would
            barrier.wait()
            try:
                answers.append(client.post("/contact/", body, headers))
            except OSError as exc:
                answers.append(f"connection error: {type(exc).__name__}")

        both = [threading.Thread(target=one) for _ in range(2)]
        for thread in both:
            thread.start()
        for thread in both:
            thread.join()
        return answers

    with ThreadPoolExecutor(threads) as pool:
        for answers in pool.map(pair, range(n)):
            statuses.update(answers)
    return statuses


def drill_double_submit(site, args, tasks_backend):
    smtp_port = int(urllib.parse.urlsplit(site.env["EMAIL_URL"]).port)
    n = args.double_count
    queue_in_db = tasks_backend == DATABASE_QUEUE
    log(f"\n[double-submit] {n} forms, each posted twice at once, tasks: {tasks_backend.rsplit('.', 1)[-1]}")
    with SmtpSink(smtp_port) as sink, site.server(workers=args.workers) as server:
        worker = site.popen_manage("db_worker", "--no-startup-delay", "--no-reload") if queue_in_db else None
        try:
            form = AppointmentForm.fetch(server.base)
            t0 = time.monotonic()
            statuses = post_pairs(server.base, form, n)
            log(f"  {2 * n} posts in {time.monotonic() - t0:.0f} s: {dict(statuses)}")
            sweep_until(site, sink, 2 * n, deadline_s=args.sweep_deadline, queue_in_db=False)
        finally:
            if worker:
                worker.send_signal(signal.SIGTERM)
                worker.wait(30)
        time.sleep(2)  # room for a duplicate to arrive
        received, dupes = sink.count(), sink.duplicates()
    count = stored(site)
    result = f"stored {count} / emails {received} / duplicates {dupes} (expected {n} / {2 * n} / 0)"
    ok = count == n and received == 2 * n and dupes == 0 and statuses.get(303) == 2 * n
    return ok, result + f"; responses {dict(statuses)}"


DRILLS = {
    "smtp-down": drill_smtp_down,
    "fuzz": drill_fuzz,
    "restart": drill_restart,
    "restore": drill_restore,
    "double-submit": drill_double_submit,
}


CONFIGS = {
    "embedded": (None, None),
    "postgres": ("postgres://postgres@127.0.0.1:5432/limbic_bench", "redis://127.0.0.1:6379/7"),
}


def run_config(config, args) -> list[tuple[bool, str]]:
    database_url, cache_url = CONFIGS[config]
    if config == "postgres":
        database_url = os.environ.get("BENCH_DATABASE_URL", database_url)
        cache_url = os.environ.get("BENCH_CACHE_URL", cache_url)
    # PostgreSQL runs as production does (database queue, db_worker); the embedded default runs
    # tasks at once in the request's on-commit, except in the restart drill, which needs a worker
    # to kill and so queues in SQLite.
    default_backend = DATABASE_QUEUE if config == "postgres" else IMMEDIATE
    results = []
    for name in args.only.split(","):
        tasks_backend = DATABASE_QUEUE if name == "restart" else default_backend
        site = BenchSite(
            database_url=database_url,
            cache_url=cache_url,
            extra_env={
                **RELAXED,
                "TASKS_BACKEND": tasks_backend,
                "EMAIL_URL": f"smtp://{HOST}:{harness.free_port()}",
                "EMAIL_TIMEOUT": "5",
            },
        )
        label = f"{harness.backend_label(site.env)}, tasks: {tasks_backend.rsplit('.', 1)[-1]}"
        took = 0.0
        try:
            site.build()
            harness.configure_scheme(site)
            t0 = time.monotonic()
            ok, result = DRILLS[name](site, args, tasks_backend)
            took = time.monotonic() - t0
        except Exception as exc:
            ok, result = False, f"error: {type(exc).__name__}: {exc}"
        finally:
            site.cleanup()
        line = f"{'PASS' if ok else 'FAIL'} | {name} | {label} | {took:.0f} s | {result}"
        log("  " + line)
        results.append((ok, line))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="embedded,postgres", help="comma-separated: embedded, postgres")
    parser.add_argument("--only", default=",".join(DRILLS), help="comma-separated: " + ", ".join(DRILLS))
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--restart-count", type=int, default=300)
    parser.add_argument("--double-count", type=int, default=1_000, help="forms in the double-submit drill")
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--restore-count", type=int, default=200, help="requests stored before the backup")
    parser.add_argument("--smtp-delay", type=float, default=0.05, help="seconds the slow SMTP server takes")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--sweep-deadline", type=int, default=300)
    args = parser.parse_args()

    started = dt.datetime.now(dt.UTC)
    head = [
        f"`make drills`, {started:%Y-%m-%d %H:%M UTC}; machine: {harness.machine()} "
        "(other work may have been running on it at the same time).",
        f"gunicorn {args.workers} sync workers under production settings (DEBUG off); "
        f"{args.count} requests per drill, fuzz seed {args.seed}.",
        "Relaxed through settings for the drills: "
        + ", ".join(f"{k}={v}" for k, v in RELAXED.items())
        + " (every client posts from one address, instantly).",
    ]
    for line in head:
        log(line)
    results = []
    for config in args.configs.split(","):
        log(f"\n== {config} ==")
        results += run_config(config, args)
    table = ["| result | drill | database + cache, task backend | time | counts |", "|---|---|---|--:|---|"]
    table += [f"| {line} |" for _, line in results]
    text = "  \n".join(head) + "\n\n" + "\n".join(table) + "\n"
    print(text)
    out = harness.ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / f"drills-{started:%Y-%m-%d-%H%M}.md").write_text(text)
    failed = [line for ok, line in results if not ok]
    if failed:
        raise SystemExit(f"{len(failed)} drill(s) failed")


if __name__ == "__main__":
    main()
