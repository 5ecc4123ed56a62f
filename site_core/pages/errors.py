"""The 500 page: rendered from a template that needs no database and no template tag that queries.

Django's default handler renders 500.html with an empty context, so it cannot show the clinic's phone.
This handler adds the phone from the cached site chrome (see site_core.caching.chrome) when that can be had;
if the cache or the database is what failed, the page still renders, with the crisis numbers and
without the phone, rather than failing a second time."""

import logging

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from site_core.caching.chrome import get_chrome

logger = logging.getLogger(__name__)


def _clinic_contact(request):
    try:
        clinic = get_chrome(request, translation.get_language())["clinic"]
        return {"clinic_name": clinic.clinic_name, "phone": clinic.phone, "phone_href": clinic.phone_href}
    except Exception:  # the failure that brought us here may be the database or the cache itself
        logger.warning("500 page rendered without the clinic's phone", exc_info=True)
        return {}


def _stylesheet():
    try:
        return staticfiles_storage.url("css/site.css")
    except Exception:  # a missing manifest entry must not turn one error into two
        return ""


@requires_csrf_token
def server_error(request, template_name="500.html"):
    context = {"LANGUAGE_CODE": translation.get_language(), "stylesheet": _stylesheet(), **_clinic_contact(request)}
    return HttpResponseServerError(loader.get_template(template_name).render(context))
