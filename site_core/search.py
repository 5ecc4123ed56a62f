"""Site search at /search/: live, public pages in the reader's language, through Wagtail's search backend
(SQLite full text locally, PostgreSQL full text in production).

A GET never writes: Wagtail's query-hit statistics (Query.add_hit) are deliberately not recorded. The text a
reader types is reduced to its words before it reaches the backend, so quotes, operators, NUL bytes or
SQL-looking text are only ever searched for as words; an over-long query is refused with a 400 and a page
that says why."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_PAGE = 10
_WORD = re.compile(r"\w+", re.UNICODE)
# Characters no reader means to type: controls (NUL included), unpaired surrogates, the replacement character.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffd]")


def clean_query(raw):
    """The query as shown back to the reader: unprintable characters dropped, spaces collapsed."""
    return " ".join(_UNPRINTABLE.sub(" ", raw).split())


def search_terms(query):
    """The words searched for (letters and digits in any script), at most MAX_TERMS of them."""
    return _WORD.findall(query.replace("_", " "))[:MAX_TERMS]


def highlight(text, terms):
    """`text` escaped, with each occurrence of a term wrapped in <mark>. Escaping comes first, and the
    pattern never matches inside an entity such as &amp;, so no markup can come from the text or the query."""
    escaped = escape(text)
    if not terms:
        return mark_safe(escaped)  # noqa: S308 -- escaped above
    words = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    pattern = re.compile(rf"(&[#\w]+;)|({words})", re.IGNORECASE | re.UNICODE)

    def mark(match):
        return match.group(1) or f"<mark>{match.group(2)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))  # noqa: S308 -- built from escaped text and <mark> only


def _results(terms, request, page_number):
    locale = Locale.get_active()
    pages = Page.objects.live().public().filter(locale=locale)
    found = pages.search(" ".join(terms), operator="and")
    paginator = Paginator(found, RESULTS_PER_PAGE)
    result_page = paginator.get_page(page_number)
    ids = [page.pk for page in result_page.object_list]
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk() if ids else {}
    items = []
    for pk in ids:
        page = specific.get(pk)
        if page is None:
            continue
        summary = page.get_meta_description() if hasattr(page, "get_meta_description") else page.search_description
        items.append(
            {
                "title": highlight(page.title, terms),
                "url": page.get_url(request),
                "summary": highlight(summary or "", terms),
            }
        )
    return paginator, result_page, items


@require_safe
def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {"query": query[:MAX_QUERY_LENGTH], "max_length": MAX_QUERY_LENGTH, "results": [], "error": ""}
    status = 200
    if len(raw) > MAX_QUERY_LENGTH:
        status = 400
        context["error"] = _(
            "Your search is too long. Please use at most %(max)s characters: a few key words work best."
        ) % {"max": MAX_QUERY_LENGTH}
    elif query:
        terms = search_terms(query)
        if not terms:
            context["error"] = _("Please type a word or two to search for, using letters or numbers.")
        else:
            paginator, result_page, items = _results(terms, request, request.GET.get("page", 1))
            context.update(paginator=paginator, result_page=result_page, results=items, searched=True)
    response = render(request, "site_core/search_results.html", context, status=status)
    # Each query is its own page: keep them out of the shared page cache.
    patch_cache_control(response, private=True)
    return response
