from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control


def csrf_failure(request, reason=""):
    """A refused form post (missing or stale CSRF token): what happened and what to do, never a stack trace."""
    response = HttpResponseForbidden(render_to_string("contact/csrf_failure.html", request=request))
    patch_cache_control(response, private=True, no_store=True)
    return response
