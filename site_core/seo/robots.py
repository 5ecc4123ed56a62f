"""Small views every site has: robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from site_core.seo.structured_data import site_root


@require_safe
def robots_txt(request):
    """Keep crawlers out of the admin and the search results, and point them at the sitemap. On staging
    (ROBOTS_DISALLOW_ALL) nothing may be crawled."""
    lines = ["User-agent: *"]
    if settings.ROBOTS_DISALLOW_ALL:
        lines.append("Disallow: /")
    else:
        lines.append("Disallow: /admin/")
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                lines.append(f"Disallow: {reverse('search')}")
    lines += ["", f"Sitemap: {site_root(request)}sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
