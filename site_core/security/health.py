"""The load balancer's health check: is the database and the shared cache reachable from this server?

It answers {"status": "ok"} (200) or {"status": "unavailable"} (503) and nothing else: no versions, no
error text. The middleware answers /healthz/ before anything else runs, so the check works when the load
balancer calls by IP address (which ALLOWED_HOSTS would refuse), over plain HTTP (which the SSL redirect
would bounce), and is never cached or session-tracked. The same view is also routed in site_core.urls.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
PATH = "/healthz/"


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache_ok():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    ok = cache.get(key) == value
    cache.delete(key)
    return ok


@never_cache
def healthz(request):
    try:
        healthy = _database_ok() and _cache_ok()
    except Exception:
        logger.exception("Health check failed")
        healthy = False
    if healthy:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
