"""`{% publishedcache "name" vary… %}…{% endpublishedcache %}`: a part of a page that changes only when something
is published (a page's content, its cards and their image renditions), kept in the shared cache.

Like Django's `{% cache %}` tag, but keyed by the page cache's generation (site_core.caching.page_cache) as well
as the language and host, so every publish, unpublish, move or snippet, image or settings change that purges
the page cache drops these fragments at the same moment, and a render that misses the page cache (an editor's
visit, a query value the page cache does not store, the first render after a purge) still skips the template
work, image rendition lookups and per-card lookups that cost most of an uncached render (tests/bench/
profile_render.py). Never used in previews (the draft is not what readers see) and never for anything holding
a per-request value (CSRF token, CSP nonce)."""

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import translation

from site_core.caching.page_cache import request_generation

register = template.Library()

# A bound on how long an unused fragment stays; a purge makes every fragment unreachable long before that.
FRAGMENT_SECONDS = 60 * 60 * 24


class PublishedCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        vary = [request_generation(request), translation.get_language(), request.get_host()]
        key = make_template_fragment_key(self.name, vary + [value.resolve(context) for value in self.vary_on])
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_SECONDS)
        return html


@register.tag("publishedcache")
def publishedcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'publishedcache' takes a fragment name and the values it varies on.")
    nodelist = parser.parse(("endpublishedcache",))
    parser.delete_first_token()
    return PublishedCacheNode(nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]])
