from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from site_core import search
from site_core.caching import routing
from site_core.editorial import review_ux
from site_core.security import health, two_factor
from site_core.seo import robots

# The 500 page needs no database; it adds the clinic's phone when the cache or database can give it.
handler500 = "site_core.pages.errors.server_error"

urlpatterns = [
    # Load balancers' health check (also answered by site_core.security.health.HealthCheckMiddleware).
    path("healthz/", health.healthz, name="healthz"),
    # For an uptime monitor: 503 while an appointment request waits too long for its staff email.
    path("", include("contact.urls")),
    # Two-step sign-in, ahead of the admin's own URLs.
    path("admin/2fa/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/2fa/verify/", two_factor.verify, name="two_factor_verify"),
    # Wagtail's revision comparison, history and revision preview, open to a medical reviewer while the page
    # waits for them (same paths, ahead of Wagtail's, so its URL names lead here).
    path("admin/pages/", include(review_ux.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # For crawlers: one of each per host, outside the language prefix.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("favicon.ico", robots.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English pages have no prefix; Spanish pages live under /es/.
urlpatterns += i18n_patterns(
    path("search/", search.search, name="search"),
    path("", include("blog.urls")),
    # The self-check posts to its own CSRF-exempt address (selfcheck.views says why).
    path("", include("selfcheck.urls")),
    # Pages, found through site_core.caching.routing's cache; Wagtail's own URLs (its "_util/" views) otherwise.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="serve_page"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
