"""Refuses form posts that declare a character set other than UTF-8, with a plain 400.

Django rejects such a body with BadRequest when the form is first read, but its own 400 handler
reads the form again (to set up the CSRF token) and the second failure becomes a 500. Found by
the fuzz drill (`make drills`). UTF-8 spelled another way ("utf8", "UTF8") is accepted as UTF-8.
"""

import codecs

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

FORM = "application/x-www-form-urlencoded"


class FormEncodingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == FORM and request.encoding is not None:
            try:
                utf8 = codecs.lookup(request.encoding).name == "utf-8"
            except LookupError:
                utf8 = False
            if not utf8:
                return HttpResponseBadRequest(
                    _("Forms must be sent as UTF-8."), content_type="text/plain; charset=utf-8"
                )
            request.encoding = "utf-8"
        return self.get_response(request)
