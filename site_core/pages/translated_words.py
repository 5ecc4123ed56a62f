"""Words staff write per language on a record that is otherwise one for every language (a person, the clinic
settings): the "In other languages" rows edited inline on the record, and the lookup that gives a template the
reader's language.

Facts (names, numbers, addresses, photos) stay on the record, entered once. Only what is written in a language
gets a row per other language; a blank field there shows the main language's text, unless the record says a
field must never fall back (the clinic's own crisis text: a Spanish page keeps the translated standard text).
"""

from types import SimpleNamespace

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable


def site_languages():
    """Every language the site is written in, as choices."""
    return list(settings.LANGUAGES)


def other_languages():
    """The languages a record's words can be written in besides the site's main one."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class WordsInAnotherLanguage(Orderable):
    """One language's words for the record its ParentalKey (named `related_name="translations"`) points at."""

    language = models.CharField(_("language"), max_length=10, choices=other_languages)

    shown_on_pages = True  # pages show these words: a change starts a new page-cache generation

    class Meta(Orderable.Meta):
        abstract = True


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def words_in_active_language(record, fields, never_fall_back=()):
    """The record's `fields` as readers of the active language see them, as attributes.

    Looks through `record.translations.all()` in Python, so a prefetch of them serves every call."""
    language = active_language()
    translated = None
    if language != settings.LANGUAGE_CODE:
        translated = next((row for row in record.translations.all() if row.language == language), None)
    words = {}
    for field in fields:
        own = getattr(translated, field, "") if translated is not None else ""
        main = "" if (field in never_fall_back and language != settings.LANGUAGE_CODE) else getattr(record, field)
        words[field] = own or main
    return SimpleNamespace(**words)
