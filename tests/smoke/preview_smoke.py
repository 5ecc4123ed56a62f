"""Production smoke test: the stack the README deploys, started by `make preview`'s script, seen from outside.

    .venv/bin/python tests/smoke/preview_smoke.py                      # embedded default, then PostgreSQL + Redis
    .venv/bin/python tests/smoke/preview_smoke.py --configs embedded   # one of them

For each configuration it starts deploy/preview.py (Caddy + gunicorn with 2 workers + db_worker, DEBUG off) in a
fresh folder (and, on PostgreSQL, a throwaway database; Redis db 9, flushed), then through Caddy:
- crawls every page reachable from / and /es/, the sitemap and the feeds, following every link, image (src and
  srcset), stylesheet, icon and feed: every one must answer 200;
- checks /static/ files carry a year's Cache-Control (hashed names) and /media/ files a Cache-Control max-age,
  both served by Caddy, and that /static/staticfiles.json and /media/documents/ are not public;
- checks every page's canonical URL starts with SITE_URL;
- unpublishes a page with `manage.py shell` from another process, then 20 anonymous requests in a row must get
  404 (every gunicorn worker sees the shared cache's purge);
- stops the stack with SIGTERM and checks it exits 0 and the port is closed.
Exits 1 naming each failure. Not collected by pytest (run by .ci/run).
"""

import argparse
import http.client
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/9"
UNPUBLISHED = "/about/"
MAX_URLS = 600


def log(message):
    print(message, file=sys.stderr, flush=True)


def _preview_module():
    spec = importlib.util.spec_from_file_location("preview", ROOT / "deploy" / "preview.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Links(HTMLParser):
    """Every same-site URL a browser would fetch or follow from a page, and its canonical URL."""

    def __init__(self):
        super().__init__()
        self.urls, self.canonical = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        for name in ("href", "src"):
            if a.get(name) and not (tag == "form"):
                self.urls.append(a[name])
        for candidate in (a.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.strip().split()[0])


class Client:
    def __init__(self, port):
        self.port = port

    def get(self, path, headers=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "identity", **(headers or {})})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()


def crawl(client, site_url, failures):
    origin = urllib.parse.urlsplit(site_url)
    queue = ["/", "/es/", "/sitemap.xml", "/robots.txt", "/feed/rss/", "/feed/atom/", "/es/feed/rss/", "/es/feed/atom/"]
    seen = set(queue)
    counts = {"page": 0, "static": 0, "media": 0, "other": 0}
    while queue:
        path = queue.pop(0)
        status, headers, body = client.get(path)
        kind = "static" if path.startswith("/static/") else "media" if path.startswith("/media/") else "other"
        if status != 200:
            failures.append(f"{path} answered {status}")
            continue
        found = []
        content_type = headers.get("content-type", "")
        if kind in ("static", "media"):
            check_cache_headers(path, headers, failures)
        elif content_type.startswith("text/html"):
            kind = "page"
            parser = Links()
            parser.feed(body.decode())
            found = parser.urls
            if not (parser.canonical or "").startswith(site_url + "/"):
                failures.append(f"{path}: canonical {parser.canonical!r} is not on SITE_URL {site_url}")
        elif "xml" in content_type:
            found = re.findall(r"<(?:loc|link)>([^<]+)</(?:loc|link)>", body.decode())
            found += re.findall(r'<link[^>]* href="([^"]+)"', body.decode())
        counts[kind] += 1
        for url in found:
            url = urllib.parse.urljoin(site_url + path, url.strip())
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
                continue  # another site (tel:, mailto:, crisis line, social links)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith(("/admin/", "/documents/")) or target in seen:
                continue
            if len(seen) >= MAX_URLS:
                failures.append(f"more than {MAX_URLS} URLs: the crawl stopped early")
                return counts
            seen.add(target)
            queue.append(target)
    return counts


def check_cache_headers(path, headers, failures):
    control = headers.get("cache-control", "")
    max_age = int(re.search(r"max-age=(\d+)", control).group(1)) if "max-age=" in control else 0
    hashed = re.search(r"\.[0-9a-f]{12}\.\w+$", path)
    wanted = 31536000 if hashed else 3600 if path.startswith("/static/") else 86400
    if max_age < wanted or "Caddy" not in headers.get("server", ""):
        failures.append(
            f"{path}: Cache-Control {control!r} from {headers.get('server')!r} (wanted max-age >= {wanted})"
        )


def unpublish_and_check(client, env, failures):
    for _ in range(6):  # every worker has a copy in the page cache (or the shared cache has one)
        client.get(UNPUBLISHED)
    code = (
        "from wagtail.models import Page; "
        f"page = Page.objects.get(url_path='/home{UNPUBLISHED}', locale__language_code='en'); page.unpublish()"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True)
    statuses = [client.get(UNPUBLISHED)[0] for _ in range(20)]
    if statuses != [404] * 20:
        failures.append(f"after unpublishing {UNPUBLISHED} from another process, 20 requests got {statuses}")
    return statuses.count(404)


def launch(env, data):
    """deploy/preview.py with `env` (PREVIEW_DIR=data, PREVIEW_PORT set), its output in data/preview.log."""
    with open(data / "preview.log", "wb") as output:
        return subprocess.Popen([PYTHON, "deploy/preview.py"], cwd=ROOT, env=env, stdout=output, stderr=output)


def wait_ready(proc, data, port, seconds=300):
    deadline = time.monotonic() + seconds
    while b"READY" not in (data / "preview.log").read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the preview did not start:\n" + (data / "preview.log").read_text()[-3000:])
        time.sleep(0.5)
    return Client(port)


def stop(proc, port, failures):
    """SIGTERM, as systemd or Ctrl-C would: the preview must exit 0 and leave its port closed."""
    proc.send_signal(signal.SIGTERM)
    try:
        status = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = "killed after 60 s"
    if status != 0:
        failures.append(f"the preview exited with {status} on SIGTERM")
    with socket.socket() as s:
        if s.connect_ex((HOST, port)) == 0:
            failures.append(f"port {port} still open after the preview stopped")


def run(config):
    preview = _preview_module()
    data = Path(tempfile.mkdtemp(prefix=f"limbic-smoke-{config}-"))
    port = preview.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_URL", "SECRET_KEY"))}
    env.update({"PREVIEW_PORT": str(port), "PREVIEW_DIR": str(data)})
    for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL"):
        env.pop(name, None)
    database = None
    if config == "postgres":
        import psycopg
        import redis

        database = f"limbic_smoke_{os.getpid()}"
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')
        redis.Redis.from_url(REDIS).flushdb()
        env["DATABASE_URL"] = POSTGRES.rsplit("/", 1)[0] + "/" + database
        env["CACHE_URL"] = REDIS
    failures = []
    started = time.monotonic()
    proc = launch(env, data)
    try:
        client = wait_ready(proc, data, port)
        site_url = f"http://{HOST}:{port}"
        log(f"  [{config}] stack up in {time.monotonic() - started:.0f} s on {site_url}")
        counts = crawl(client, site_url, failures)
        status, headers, _body = client.get("/favicon.ico")
        icon = headers.get("location", "")
        if status != 302 or client.get(icon)[0] != 200:
            failures.append(f"/favicon.ico answered {status} to {icon!r}, which must answer 200")
        for private in ("/static/staticfiles.json", "/media/documents/"):
            status = client.get(private)[0]
            if status != 404:
                failures.append(f"{private} answered {status}, not 404")
        manage_env, _shared = preview.environment(port, data, env)
        not_found = unpublish_and_check(client, manage_env, failures)
        log(
            f"  [{config}] crawled {counts['page']} pages, {counts['static']} static and {counts['media']} media "
            f"files, {counts['other']} feeds/sitemap/robots; after the unpublish {not_found}/20 answered 404"
        )
    finally:
        stop(proc, port, failures)
        if database:
            import psycopg

            with psycopg.connect(POSTGRES, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    log(f"  [{config}] {'PASS' if not failures else 'FAIL'} in {time.monotonic() - started:.0f} s")
    if failures:
        log(f"  [{config}] the stack's folder and log are kept in {data}")
    else:
        shutil.rmtree(data, ignore_errors=True)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--configs", default="embedded,postgres")
    args = parser.parse_args()
    failures = []
    for config in args.configs.split(","):
        log(f"== production smoke test: {config} ==")
        failures += [f"[{config}] {failure}" for failure in run(config)]
    for failure in failures:
        log("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
