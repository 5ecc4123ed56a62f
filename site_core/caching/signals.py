"""Keeps cached copies honest: any change that could alter them drops them.

The header/footer "chrome" is dropped on menu, settings and page changes; the anonymous page cache
(site_core.caching.page_cache, and the routes of site_core.caching.routing) starts a new generation on those and on any page
deletion, snippet, image or document change, since any page may show them, on a Site or Locale change, and on
any change to who may read a page or document (a view restriction added, changed or removed, or its groups)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from site_core.caching.chrome import forget_chrome
from site_core.caching.page_cache import purge_all
from site_core.pages.clinic import ClinicSettings, ClinicSettingsTranslation
from site_core.pages.menus import Menu, MenuItem


@receiver(post_save, sender=Menu)
@receiver(post_delete, sender=Menu)
@receiver(post_save, sender=MenuItem)
@receiver(post_delete, sender=MenuItem)
@receiver(post_save, sender=ClinicSettings)
@receiver(post_save, sender=ClinicSettingsTranslation)
@receiver(post_delete, sender=ClinicSettingsTranslation)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def drop_cached_chrome(**kwargs):
    _drop_everything()


def _drop_everything():
    forget_chrome()
    purge_all()
    # Again once the change is committed: a request on another server that rebuilt a page from the old rows
    # between the first purge and the commit must not leave that copy in the cache.
    transaction.on_commit(_drop_after_commit)


def _drop_after_commit():
    forget_chrome()
    purge_all()


def _shown_on_pages(model, deleted):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    shown = getattr(model, "shown_on_pages", None)
    if shown is not None:  # the model says: staff-only records (appointment requests), or parts of a snippet
        return shown
    if issubclass(model, Page):
        # Publishing, unpublishing and moving have their own signals; a draft save changes nothing public.
        return deleted
    if issubclass(model, BaseSiteSetting | BaseGenericSetting | Site | Locale):
        # Settings are shown on pages; a Site or Locale change moves pages to other URLs (site_core.caching.routing).
        return True
    return model in (get_image_model(), get_document_model(), *get_snippet_models())


@receiver(post_save)
@receiver(post_delete)
def purge_page_cache(sender, signal, **kwargs):
    # A deleted page, or any snippet, setting, image or document: any page may show them.
    if sender not in (Menu, MenuItem, ClinicSettings, ClinicSettingsTranslation) and _shown_on_pages(
        sender, signal is post_delete
    ):
        purge_all()
        transaction.on_commit(purge_all)


def drop_after_migrate(**kwargs):
    """post_migrate: every release runs migrate, so cached Sites, settings and pages pickled by the previous
    release (whose models may have had other fields) are dropped rather than kept for their 24 hours."""
    _drop_everything()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def purge_on_view_restriction_change(**kwargs):
    # Who may read a page changed: a copy stored for anonymous readers must not outlive it. Chrome too, since
    # menus and the language switcher are built for whoever may read the pages they link to.
    if kwargs.get("action", "post_").startswith("post_"):
        _drop_everything()
