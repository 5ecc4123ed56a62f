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
# Replace each worker after a number of requests, with jitter, so a slow leak never builds up. Not fewer: a new
# worker's first requests pay for loading URLs, templates and translations, and page-cache hits run at about
# 1,000 req/s on two cores, so 1,000 would restart a worker every second or two under load (`make bench`).
max_requests = 10000
max_requests_jitter = 1000
# Load the app once in the master, so workers share memory and a broken deploy fails at start-up.
preload_app = True
# The proxy in front terminates TLS and sets X-Forwarded-*; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs go to stdout/stderr for the process manager to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn's default format minus the query string and the referer: admin searches (`?q=patient@example.com`) and
# the pages they lead to would put patients' details into the log.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
# Tiny uploads only on public pages; the admin's image uploads pass through the same limit.
limit_request_line = 8190
