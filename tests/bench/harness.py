"""Shared machinery for `make bench` and `make drills` (never collected by pytest).

A `BenchSite` is the demo site built from scratch in a temporary directory under production
settings (DEBUG off, whitenoise, the database task queue), on SQLite by default or on the
PostgreSQL database and Redis cache named by BENCH_DATABASE_URL / BENCH_CACHE_URL. It can run
manage.py commands, serve itself with gunicorn and hand out the form fields a browser would post.
Also here: three SMTP servers (a real aiosmtpd one, a closed port, one that accepts and never
answers), a wrk runner and a small threaded HTTP client for the drills.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from email import message_from_bytes
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"

# The project's root, so the bench scripts (run as files) share the test support modules.
sys.path.insert(0, str(ROOT))
from tests.support.net import free_port  # noqa: E402
from tests.support.production_site import production_env  # noqa: E402


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def machine() -> str:
    """nproc, CPU model and RAM, for the table's caption."""
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, Python {platform.python_version()}"


def backend_label(env: dict) -> str:
    db = "PostgreSQL" if env["DATABASE_URL"].startswith(("postgres", "pgsql")) else "SQLite"
    cache = "Redis" if env["CACHE_URL"].startswith("redis") else "the file cache"
    return f"{db} + {cache}"


# --------------------------------------------------------------------------------------------
# The site


class BenchSite:
    """The demo site under production settings, in a fresh temporary directory and database."""

    def __init__(self, *, database_url: str | None = None, cache_url: str | None = None, extra_env=None):
        self.tmp = Path(tempfile.mkdtemp(prefix="limbic-bench-"))
        self.static_root = self.tmp / "static"
        database_url = database_url or f"sqlite:///{self.tmp / 'db.sqlite3'}"
        # The embedded default's cache: files every process shares (local memory is refused with 2+ workers).
        cache_url = cache_url or f"filecache://{self.tmp / 'cache'}"
        self._pg_db = None
        if database_url.startswith(("postgres", "pgsql")):
            # A database of our own, created empty, so the run never touches anyone's data.
            parts = urllib.parse.urlsplit(database_url)
            self._pg_db = f"limbic_bench_{os.getpid()}"
            self._pg_admin = parts._replace(path="/postgres").geturl()
            self._pg_exec(f'DROP DATABASE IF EXISTS "{self._pg_db}"', f'CREATE DATABASE "{self._pg_db}"')
            database_url = parts._replace(path=f"/{self._pg_db}").geturl()
        if cache_url.startswith("redis"):
            self._flush_redis(cache_url)
        # Production's queue (the default): a POST only stores and enqueues; db_worker sends.
        self.env = production_env(
            self.tmp,
            database_url=database_url,
            cache_url=cache_url,
            allowed_hosts="127.0.0.1,localhost,testserver",
            email_url=f"smtp://{HOST}:{free_port()}",
            EMAIL_TIMEOUT="5",
            LOG_LEVEL="ERROR",
            # As behind the production proxy: wrk and the drills send X-Forwarded-Proto: https.
            TRUST_X_FORWARDED_PROTO="on",
        )
        self.env.update(extra_env or {})

    # -- lifecycle

    def _pg_exec(self, *statements):
        import psycopg

        with psycopg.connect(self._pg_admin, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    @staticmethod
    def _flush_redis(url):
        """Empty the bench's Redis database, but only a numbered one on this machine: a URL copied from a
        production .env must never lose anyone's cache or sessions."""
        import redis

        parts = urllib.parse.urlsplit(url)
        number = parts.path.strip("/")
        if parts.hostname not in ("127.0.0.1", "localhost", "::1") or not number.isdigit() or number == "0":
            raise SystemExit(
                f"Refusing to empty the Redis database at {url}: the bench flushes only a numbered database "
                "other than 0 on this machine, e.g. redis://127.0.0.1:6379/7."
            )
        redis.Redis.from_url(url).flushdb()

    def build(self):
        """Migrate a fresh database, load the demo content, collect static files."""
        t0 = time.monotonic()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo_content")
        self.manage("collectstatic", "--noinput", "-v0")
        log(f"  built the demo site in {time.monotonic() - t0:.0f} s ({backend_label(self.env)}, {self.tmp})")

    def cleanup(self):
        if self._pg_db:
            with contextlib.suppress(Exception):
                self._pg_exec(f'DROP DATABASE IF EXISTS "{self._pg_db}" WITH (FORCE)')
        if self.env["CACHE_URL"].startswith("redis"):
            with contextlib.suppress(Exception):
                self._flush_redis(self.env["CACHE_URL"])
        shutil.rmtree(self.tmp, ignore_errors=True)

    def manage(self, *args, env=None, check=True, timeout=900) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done

    def popen_manage(self, *args, env=None) -> subprocess.Popen:
        return subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / f"{args[0]}.log", "ab"),  # noqa: SIM115 - lives as long as the process
            start_new_session=True,
        )

    def python(self, code: str, *args, env=None, timeout=600) -> str:
        """Run code in a Django-configured subprocess with the site's environment; return stdout."""
        prelude = "import django; django.setup()\n"
        done = subprocess.run(
            [PYTHON, "-c", prelude + code, *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise RuntimeError(f"in-process step failed:\n{done.stderr[-4000:]}")
        return done.stdout

    def server(self, workers=2, env=None, args=(), app=None, ready_path="/") -> Gunicorn:
        return Gunicorn(self, workers=workers, env=env, args=args, app=app, ready_path=ready_path)


class Gunicorn:
    """gunicorn serving the site on a free port, stopped (and its children reaped) on exit."""

    def __init__(self, site: BenchSite, workers: int, env=None, args=(), app=None, ready_path="/"):
        self.site = site
        self.app = app or "site_core.wsgi:application"
        self.ready_path = ready_path
        self.args = list(args)
        self.workers = workers
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.env = {**site.env, **(env or {})}
        self.proc = None
        self._peak = 0.0

    def __enter__(self):
        config = ROOT / "gunicorn.conf.py"
        cmd = [GUNICORN, self.app, "--workers", str(self.workers)]
        if config.exists():
            cmd += ["--config", str(config)]
        # The checked-in config as production runs it (no access log: Caddy logs requests); only the address,
        # worker count and log level differ.
        cmd += ["--bind", f"{HOST}:{self.port}", "--log-level", "warning", *self.args]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.site.tmp / "gunicorn.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + (self.site.tmp / "gunicorn.log").read_text()[-3000:])
            with contextlib.suppress(OSError):
                status, _, _ = request(self.base, "GET", self.ready_path, headers=proxy_headers(self.base))
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    threading.Thread(target=self._sample_rss, daemon=True).start()
                    return self
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid)

    def _sample_rss(self):
        # Workers are replaced after max_requests, so their peaks are sampled while they live.
        while self.proc.poll() is None:
            self._peak = max(self._peak, self._current_peak())
            time.sleep(0.1)

    def _current_peak(self) -> float:
        peaks = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) * 1024 / 1e6)
        return max(peaks, default=0.0)

    def peak_rss_mb(self) -> float:
        """The highest peak resident set size (VmHWM) any worker reached, in MB (10^6 bytes)."""
        self._peak = max(self._peak, self._current_peak())
        return self._peak


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


# --------------------------------------------------------------------------------------------
# HTTP


def request(base, method, path, body=b"", headers=None, timeout=30):
    """One request on a new connection: (status, headers, body)."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


class _FormParser(HTMLParser):
    """The fields of the appointment form, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.fields: dict[str, dict] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name"):
            f = self.fields.setdefault(a["name"], {"tag": "input", "type": a.get("type", "text"), "options": []})
            f.setdefault("value", a.get("value"))
            f["required"] = "required" in a or f.get("required", False)
            if f["type"] in ("radio", "checkbox") and a.get("value") is not None:
                f["options"].append(a["value"])
        elif tag == "textarea" and a.get("name"):
            self.fields[a["name"]] = {"tag": "textarea", "type": "textarea", "options": [], "value": ""}
        elif tag == "select" and a.get("name"):
            self._select = self.fields[a["name"]] = {"tag": "select", "type": "select", "options": [], "value": None}
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select["options"].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self.in_form = False


@dataclass
class AppointmentForm:
    """A scraped /contact/ form: the CSRF pair and the fields; `body(n)` is a valid, unique request."""

    base: str
    cookie: str
    fields: dict
    scheme: str = "http"
    counter: itertools.count = field(default_factory=itertools.count)

    @classmethod
    def fetch(cls, base, path="/contact/"):
        status, headers, body = request(base, "GET", path, headers=proxy_headers(base))
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        parser = _FormParser()
        parser.feed(body.decode())
        cookies = [c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or []]
        return cls(base=base, cookie="; ".join(cookies), fields=parser.fields)

    def headers(self, content_type="application/x-www-form-urlencoded"):
        origin = f"{SCHEME}://{urllib.parse.urlsplit(self.base).netloc}"
        return {
            **proxy_headers(self.base),
            "Content-Type": content_type,
            "Cookie": self.cookie,
            "Origin": origin,
            "Referer": origin + "/contact/",
        }

    def values(self, n: int | str) -> dict:
        """A valid request, unique by its email address (so each email can be traced to it)."""
        data = {}
        for name, f in self.fields.items():
            lname = name.lower()
            if f["type"] == "hidden":
                data[name] = f.get("value") or ""
                if name == "submission_key":
                    # One rendered form per request, as for real patients: a key of its own for each n, the same
                    # key when body(n) is posted again (a double click).
                    data[name] = f"{data[name][:40]}-{n}"
            elif is_honeypot(name):
                data[name] = ""
            elif f["type"] == "email" or "email" in lname:
                data[name] = f"drill-{n}@example.com"
            elif f["type"] == "tel" or "phone" in lname:
                data[name] = f"(213) 555-{n % 10000:04d}" if isinstance(n, int) else "(213) 555-0100"
            elif f["type"] in ("radio", "select"):
                data[name] = f["options"][0] if f["options"] else ""
            elif f["type"] == "checkbox":
                data[name] = f["options"][0] if f["options"] else "on"
            elif f["type"] == "textarea":
                data[name] = ""
            elif "first" in lname:
                data[name] = "Ana"
            elif "last" in lname:
                data[name] = f"Drill{n}"
            elif f["type"] in ("submit", "button"):
                continue
            else:
                data[name] = "Weekday mornings"
        return data

    def body(self, n: int | str) -> bytes:
        return urllib.parse.urlencode(self.values(n)).encode()


HONEYPOT_HINTS = ("website", "honeypot", "hp_", "url", "company", "fax", "nickname")


def is_honeypot(name: str) -> bool:
    return any(h in name.lower() for h in HONEYPOT_HINTS)


# Production settings may trust X-Forwarded-Proto from the proxy and redirect plain HTTP to HTTPS;
# the load generator then speaks as the proxy would. `configure_scheme` sets this from the settings.
SCHEME = "http"


def configure_scheme(site: BenchSite):
    global SCHEME
    out = site.python(
        "from django.conf import settings; print(bool(settings.SECURE_PROXY_SSL_HEADER or settings.SECURE_SSL_REDIRECT))"
    )
    SCHEME = "https" if out.strip() == "True" else "http"


def proxy_headers(base) -> dict:
    return {"X-Forwarded-Proto": "https"} if SCHEME == "https" else {}


class Client:
    """A keep-alive HTTP/1.1 connection per thread; reconnects when the server closes it."""

    def __init__(self, base, timeout=30):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.local = threading.local()

    def _conn(self):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return conn

    def post(self, path, body, headers) -> int:
        for attempt in (1, 2):
            conn = self._conn()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    self.local.conn = None
                return response.status
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------------
# Load generation


@dataclass
class LoadResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int  # non-2xx/3xx responses plus socket errors

    def cells(self):
        return f"{self.rps:,.0f}", f"{self.p50_ms:.1f}", f"{self.p99_ms:.1f}"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (make bench does this when it can)")
    return wrk


def wrk(url, *, connections=16, duration=5, threads=2, script=None, headers=None, env=None) -> LoadResult:
    cmd = [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run(
        [*cmd, url], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    ).stdout
    pct = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.M))
    if "99" not in pct:
        raise RuntimeError(f"wrk gave no latency distribution for {url}:\n{out}")
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return LoadResult(rps=rps, p50_ms=_ms(pct["50"]), p99_ms=_ms(pct["99"]), requests=total, bad=bad)


# --------------------------------------------------------------------------------------------
# SMTP servers


class SmtpSink:
    """A real SMTP server (aiosmtpd) on a given port that keeps what it receives.

    `delay` makes each message take that long before it is accepted; a message whose client
    vanishes during the delay is discarded, as a real server discards an unfinished transaction.
    """

    def __init__(self, port: int, delay: float = 0.0):
        self.port = port
        self.delay = delay
        self.messages: list = []
        self.lock = threading.Lock()
        self.controller = None

    def __enter__(self):
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if sink.delay:
                    import asyncio

                    await asyncio.sleep(sink.delay)
                    if server.transport is None or server.transport.is_closing():
                        return "421 client went away"
                msg = message_from_bytes(envelope.original_content or envelope.content)
                with sink.lock:
                    sink.messages.append((tuple(sorted(envelope.rcpt_tos)), msg))
                return "250 OK"

        self.controller = Controller(Handler(), hostname=HOST, port=self.port, ready_timeout=10)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def duplicates(self) -> int:
        """Messages received more than once: same recipients, same Reply-To, same subject."""
        with self.lock:
            keys = [(to, msg.get("Reply-To", ""), msg.get("Subject", "")) for to, msg in self.messages]
        return len(keys) - len(set(keys))


class HangingSmtp:
    """Accepts connections and never says a word (no greeting), like a wedged mail server."""

    def __init__(self, port: int):
        self.port = port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.held = []
        self.stop = threading.Event()

    def __enter__(self):
        self.sock.bind((HOST, self.port))
        self.sock.listen(1024)
        self.sock.settimeout(0.2)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self):
        while not self.stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                self.held.append(self.sock.accept()[0])

    def __exit__(self, *exc):
        self.stop.set()
        for conn in self.held:
            conn.close()
        self.sock.close()
