"""Spam defences: a minimum fill time and a per-client rate limit kept in the shared cache."""

from django.conf import settings
from django.core.cache import cache

from site_core.security.headers import client_address


def is_bot(form):
    """A request sent faster than a person can fill the form, or without the signed start time."""
    elapsed = form.seconds_to_fill()
    return elapsed is None or elapsed < settings.APPOINTMENT_MIN_FILL_SECONDS


def rate_limited(request):
    """Counts this client's posts in a fixed window shared by every app server; True past the limit."""
    key = f"contact:rate:{client_address(request)}"
    window = settings.APPOINTMENT_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.APPOINTMENT_RATE_LIMIT
