"""Which language versions of a page exist, for hreflang alternates in the sitemap.

Wagtail's sitemap walks only the default site's page tree, which is the English one; the Spanish pages live
in their own tree beside it. So an English page lists itself and each of its translations, every entry
naming all the versions as alternates (with x-default, the English one), and every version is in the
sitemap exactly once. A page in another language lists only itself, in case a sitemap ever walks it."""

from django.conf import settings
from django.db.models import Count
from wagtail.models import Page


def versions_by_key(pages):
    """{translation key: {language code: page}} for the pages among `pages` that exist in two or more languages,
    in one query."""
    translated = (
        pages.values("translation_key")
        .annotate(n=Count("locale", distinct=True))
        .filter(n__gt=1)
        .values("translation_key")
    )
    versions = {}
    for version in pages.filter(translation_key__in=translated).select_related("locale"):
        versions.setdefault(version.translation_key, {})[version.locale.language_code] = version
    return versions


def language_versions(page, request=None):
    """{language code: page} for the live, public versions of this page that exist in two or more
    languages; empty when it exists in one. Computed once per request for all pages (one query)."""
    versions = getattr(request, "_language_versions", None)
    if versions is None:
        versions = versions_by_key(Page.objects.live().public())
        if request is not None:
            request._language_versions = versions
    return versions.get(page.translation_key, {})


def sitemap_urls(page, request, entries):
    """Wagtail's sitemap entries for `page`, with hreflang alternates and, for an English page, one entry
    per translation."""
    versions = language_versions(page, request)
    if len(versions) < 2:
        return entries
    urls = {code: version.get_full_url(request) for code, version in versions.items()}
    alternates = [{"lang_code": code, "location": urls[code]} for code, _name in settings.LANGUAGES if code in urls]
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None:
        alternates.append({"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE]})
    entries = [{**entry, "alternates": alternates} for entry in entries]
    if default is not None and default.pk == page.pk:
        entries += [
            {
                "location": urls[code],
                "lastmod": version.last_published_at or version.latest_revision_created_at,
                "alternates": alternates,
            }
            for code, version in versions.items()
            if version.pk != page.pk
        ]
    return entries
