"""Keeps cached copies of shared page parts honest: any change that could alter them drops them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from site_core.chrome import forget_chrome
from site_core.models import ClinicSettings, Menu, MenuItem


@receiver(post_save, sender=Menu)
@receiver(post_delete, sender=Menu)
@receiver(post_save, sender=MenuItem)
@receiver(post_delete, sender=MenuItem)
@receiver(post_save, sender=ClinicSettings)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def drop_cached_chrome(**kwargs):
    forget_chrome()
