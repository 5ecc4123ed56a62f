"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py site_core.wsgi`).

Every value can be overridden from the environment (documented in the README), so one file serves a small
VM and a larger container alike.
"""

import multiprocessing
import os

# Where the proxy or load balancer reaches this server.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:" + os.environ.get("PORT", "8000"))
# Synchronous workers: the site does no long-polling; two per core, plus one, is gunicorn's rule of thumb.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A page that takes longer than this is stuck; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Keep connections from the proxy open a little between requests.
keepalive = 5
# Worker recycling, chosen by measurement (README, Performance). Under page-cache load a worker answers about
# 1,000 requests a second, so recycling by count replaced a worker every few seconds at 10,000 ± 1,000, and each
# replacement's first requests (loading URLs, templates, translations) showed in the p99. A worker's RSS levels off
# once its imports and caches are warm (flat at 127.5 MB over 40,000 cache hits; +2.2 MB over 1,000 uncached
# renders, levelling off), so the guard against a slow leak is a memory ceiling (post_request below),
# with a count high enough to fire every few minutes at the most under full load, jittered so workers never
# restart together. Either can be turned off with 0.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "250000"))
max_requests_jitter = max_requests // 10
# Megabytes of resident memory past which a worker finishes its request and is replaced (checked every 100
# requests: reading /proc costs microseconds). More than twice the peak `make bench` measures (107-128 MB); the
# page cache's memory tier in each worker (site_core.caching.hit_path) is bounded at 32 MB within it.
worker_max_memory_mb = int(os.environ.get("GUNICORN_MAX_WORKER_MEMORY_MB", "300"))
# Load the app once in the master, so workers share memory and a broken deploy fails at start-up.
preload_app = True
# The proxy in front terminates TLS and sets X-Forwarded-*; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log by default: Caddy in front logs every request already (deploy/Caddyfile), and a line written
# to stdout per request cost cache hits a measurable share of their throughput and put spikes in their p99.
# GUNICORN_ACCESS_LOG=- writes it to stdout (or a file path), e.g. when no proxy logs requests.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# Errors go to stderr for the process manager to collect.
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn's default format minus the query string and the referer: admin searches (`?q=patient@example.com`) and
# the pages they lead to would put patients' details into the log.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
# Tiny uploads only on public pages; the admin's image uploads pass through the same limit.
limit_request_line = 8190


def on_starting(server):
    """Refuse to start production on a cache private to each worker (site_core.caching.shared_cache), saying why."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings")
    django.setup()
    from site_core.caching.shared_cache import require_shared_cache

    try:
        require_shared_cache(server.cfg.workers)
    except ImproperlyConfigured as refused:
        server.log.error("Refusing to start: %s", refused)
        raise SystemExit(1) from None


def post_request(worker, req, environ, resp):
    """Replace this worker, after the request it just answered, once it holds more memory than the ceiling."""
    if worker_max_memory_mb and worker.nr % 100 == 0 and _rss_mb() > worker_max_memory_mb:
        worker.log.info("Worker %s holds more than %s MB: replacing it", worker.pid, worker_max_memory_mb)
        worker.alive = False


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
