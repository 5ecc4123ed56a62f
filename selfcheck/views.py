"""The address the self-check's form posts to.

Why its own address, exempt from CSRF: the check changes nothing on the server (it stores, sends and
remembers nothing), so a forged submission from another site could only show a visitor a summary of answers
they did not give, which that site cannot read. Without the CSRF check the page needs no CSRF cookie, so the
check leaves nothing on the visitor's device and still works for visitors who block cookies. Wagtail serves
every page through one view, so a page cannot be exempted on its own; this view finds the live, public
self-check page in the current language and lets it answer.
"""

from django.http import Http404, HttpResponseRedirect
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from .models import SelfCheckPage


@csrf_exempt
def answer(request, page_id):
    page = SelfCheckPage.objects.live().public().filter(pk=page_id, locale__language_code=get_language()).first()
    if page is None:
        raise Http404
    if request.method != "POST":
        # Someone followed or reloaded the address: the questions live at the page's own URL.
        return HttpResponseRedirect(page.get_url(request))
    return page.serve(request)
