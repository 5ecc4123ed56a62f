"""The hero picture's alt text in the page's own language.

An image's alt text is stored once, in the language it was uploaded in, and every page that shows it would
read it out as it is: a Spanish page would describe its picture in English to a screen-reader user. A page
with a hero picture therefore has its own optional alt text, written in that page's language, which the
page, the cards that link to it and its share-image metadata use before the image's own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HeroImageAltMixin(models.Model):
    """For a page type with a `hero_image`: `hero_alt` is what screen readers hear for it on this page."""

    hero_image_alt = models.CharField(
        _("hero image alt text on this page"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, in this page's language. Leave blank to use the image's own alt text; "
            "fill it in on a translated page."
        ),
    )

    class Meta:
        abstract = True

    @property
    def hero_alt(self):
        if self.hero_image_alt:
            return self.hero_image_alt
        return self.hero_image.default_alt_text if self.hero_image else ""
