"""The site's public address, from one environment variable: `SITE_URL` (e.g. https://www.limbicmedical.com).

Wagtail builds every absolute URL (canonical, og:url, hreflang, sitemap, feeds, JSON-LD) from the default
Site's hostname and port, so the address must live there. `apply_site_url` sets them after every `migrate`
(the release step of each deploy, and `make setup`), changing nothing when they already match, so running
it again is harmless. With no SITE_URL the Site is left as it is (localhost while developing).

Wagtail's Site knows a scheme only through its port (80 is http, 443 is https, any other is http), so an
https address must use port 443; anything else is refused with a message rather than silently mis-linked.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(url):
    """(hostname, port) for a Site from an absolute http(s) URL with no path; ImproperlyConfigured otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must look like https://www.example.com, not {url!r}.")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL is the site's root address, with no path: {url!r}.")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(f"SITE_URL: an https address must use port 443 (Wagtail links it as http): {url!r}.")
    return parts.hostname, port


def apply_site_url(using="default", verbosity=1):
    """Point the default Site at SITE_URL; returns True when it changed anything."""
    from wagtail.models import Site

    if not settings.SITE_URL:
        return False
    hostname, port = parse_site_url(settings.SITE_URL)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    # save() (not update()) so the cached routes and pages are dropped (site_core.caching.signals) and Wagtail's
    # own cache of site root paths with them.
    site.save(using=using)
    if verbosity:
        print(f"The default site now answers at {site.root_url} (SITE_URL).")
    return True


def apply_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """post_migrate receiver: every deploy's release step runs migrate, so the address follows SITE_URL."""
    apply_site_url(using=using, verbosity=verbosity)


def default_site_address():
    """(hostname, port) a newly created default Site should have: SITE_URL's, else localhost:80."""
    return parse_site_url(settings.SITE_URL) if settings.SITE_URL else ("localhost", 80)
