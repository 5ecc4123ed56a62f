"""The rule that the cache is shared by every process that serves the site.

The page cache, cached routes and header/footer, and the appointment rate limit only work when every gunicorn
worker, the queue worker and the cron jobs read and write one cache: a publish from `make jobs` must reach every
worker, and a rate limit kept per process lets N x workers through. Local memory (`locmemcache://`) is private
to one process, so with DEBUG off and more than one worker the server refuses to start, naming the variable to
set. gunicorn.conf.py calls `require_shared_cache` as the server starts.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PER_PROCESS_BACKENDS = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}


def require_shared_cache(workers):
    """Raise ImproperlyConfigured when `workers` processes would each keep their own cache in production."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or workers <= 1 or backend not in PER_PROCESS_BACKENDS:
        return
    raise ImproperlyConfigured(
        f"CACHE_URL names a per-process cache ({backend.rsplit('.', 1)[-1]}) but gunicorn runs {workers} workers: "
        "each would keep its own pages and rate limit. Set CACHE_URL to redis://... (several servers) or "
        "filecache:///path (one machine), or leave CACHE_URL unset for the file cache under var/cache; "
        "or run one worker (WEB_CONCURRENCY=1)."
    )
