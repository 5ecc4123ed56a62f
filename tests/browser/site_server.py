"""The demo site under production settings (DEBUG off, hashed and compressed static files), built in a
temporary folder and served by gunicorn on a free port, for the browser tests and for Lighthouse.

Run by hand (prints the address, serves until Ctrl-C):  .venv/bin/python -m tests.browser.site_server
Lighthouse against it (installed outside the repository, e.g. `npm install --prefix /tmp/lh lighthouse@12`):
    CHROME_PATH=/usr/bin/chromium /tmp/lh/node_modules/.bin/lighthouse http://127.0.0.1:PORT/ \
        --chrome-flags="--headless --no-sandbox --disable-gpu"
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.support.net import free_port
from tests.support.production_site import production_env

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"


class SiteServer:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="limbic-browser-"))
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.proc = None
        # Nothing from the caller's environment may point the server at a shared database or cache.
        self.env = production_env(
            self.tmp,
            database_url=f"sqlite:///{self.tmp / 'db.sqlite3'}",
            cache_url=f"filecache://{self.tmp / 'cache'}",
            allowed_hosts=f"{HOST},localhost",
            email_url="consolemail://",
            tasks_backend="django_tasks.backends.immediate.ImmediateBackend",
            # Plain http on localhost: no HTTPS redirect and cookies that a browser keeps over http.
            SECURE_SSL_REDIRECT="off",
            SESSION_COOKIE_SECURE="off",
            CSRF_COOKIE_SECURE="off",
            SECURE_HSTS_SECONDS="0",
            # A keyboard test fills the form faster than a person and posts several times.
            APPOINTMENT_MIN_FILL_SECONDS="0",
            APPOINTMENT_RATE_LIMIT="1000",
            LOG_LEVEL="WARNING",
        )

    def manage(self, *args):
        done = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")

    def start(self) -> SiteServer:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo_content")
        # The Spanish health pages, approved as a reviewer would (tests/support/review.py).
        self.manage("shell", "-c", "from tests.support.review import approve_spanish_health_pages as a; a()")
        self.manage("collectstatic", "--noinput", "-v0")
        log = open(self.tmp / "server.log", "ab")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "tests.browser.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + (self.tmp / "server.log").read_text()[-4000:])
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.base_url + "/", timeout=5) as response:
                    if response.status == 200:
                        return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("the site did not answer within 60 s")

    def log_text(self) -> str:
        return (self.tmp / "server.log").read_text(errors="replace")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)  # gunicorn: quick shutdown
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


if __name__ == "__main__":
    server = SiteServer().start()
    print(server.base_url, flush=True)
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)  # so sigwait, not a handler, receives them
    try:
        signal.sigwait(stop_signals)
    finally:
        server.stop()
        sys.exit(0)
