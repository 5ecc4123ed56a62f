"""People the pages name: practitioners, authors and medical reviewers (a snippet), and the words of their
profiles in the site's other languages (role, specialties, languages spoken, biography, photo alt text)."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from site_core.pages.blocks import RICH_TEXT_FEATURES
from site_core.pages.translated_words import (
    WordsInAnotherLanguage,
    active_language,
    other_languages,
    words_in_active_language,
)


@register_snippet
class Person(index.Indexed, ClusterableModel):
    """A practitioner, author or medical reviewer. The words below are in the site's main language; `words`
    gives them in the reader's (PersonTranslation)."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Full name as readers should see it, e.g. Dr. Jane Doe.")
    )
    credentials = models.CharField(_("credentials"), max_length=60, blank=True, help_text=_("e.g. MD, DO, NP"))
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. Medical director"))
    bio = RichTextField(
        _("biography"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("A short paragraph: training and focus.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A portrait; optional."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=160,
        blank=True,
        help_text=_("The licence as a reader can check it, e.g. 'Medical Board of California, A 123456'."),
    )
    specialties = models.CharField(
        _("specialties"),
        max_length=250,
        blank=True,
        help_text=_("Comma-separated, e.g. 'Anesthesiology, Functional medicine'."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=160,
        blank=True,
        help_text=_("Comma-separated, each as patients would say it, e.g. 'English, Spanish'."),
    )
    is_practitioner = models.BooleanField(
        _("sees patients"),
        default=False,
        help_text=_("Practitioners are listed on the team page, with their credentials, and named to search engines."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("admin account"),
        help_text=_("The sign-in this person uses; their medical-review approvals name them on the page."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("role"),
        FieldPanel("is_practitioner"),
        FieldPanel("licence"),
        FieldRowPanel([FieldPanel("specialties"), FieldPanel("languages")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
        InlinePanel(
            "translations",
            heading=_("In other languages"),
            max_num=len(other_languages()),  # one row per language
            help_text=_(
                "The role, specialties, languages spoken, biography and photo alt text as readers of that language "
                "see them."
            ),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def anchor(self):
        """The id of this person's profile on the team page (e.g. 'dr-jane-doe'), so links can point at it."""
        return slugify(self.name) or f"person-{self.pk}"

    @property
    def photo_alt(self):
        """The photo's alt text in the main language (the image's own)."""
        return self.photo.default_alt_text if self.photo else ""

    @property
    def words(self):
        """The profile's words in the active language: each text staff translated, else the main one; with the
        specialties and languages spoken as lists."""
        words = words_in_active_language(self, PROFILE_FIELDS)
        words.specialty_list, words.language_list = _split(words.specialties), _split(words.languages)
        return words


PROFILE_FIELDS = ("role", "specialties", "languages", "bio", "photo_alt")  # written once per language


def _split(text):
    return [part.strip() for part in text.split(",") if part.strip()]


class PersonTranslation(WordsInAnotherLanguage):
    """A person's profile words in another language; a field left blank shows the main language's text."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="translations")
    role = models.CharField(_("role"), max_length=120, blank=True)
    specialties = models.CharField(
        _("specialties"), max_length=250, blank=True, help_text=_("Comma-separated, as in the main language.")
    )
    languages = models.CharField(
        _("languages spoken"), max_length=160, blank=True, help_text=_("Comma-separated, e.g. 'Inglés, español'.")
    )
    bio = RichTextField(_("biography"), blank=True, features=RICH_TEXT_FEATURES)
    photo_alt = models.CharField(
        _("photo alt text"), max_length=250, blank=True, help_text=_("What the photo shows, in this language.")
    )

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("specialties"), FieldPanel("languages")]),
        FieldPanel("bio"),
        FieldPanel("photo_alt"),
    ]

    class Meta(WordsInAnotherLanguage.Meta):
        verbose_name = _("profile in another language")
        verbose_name_plural = _("profiles in other languages")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="one_profile_translation_per_language")
        ]


def practitioners(request=None):
    """The people who see patients, with their photos, in name order, and their words in the active language.
    Kept on the request, so a page that lists them and describes them to search engines queries once."""
    language = active_language()
    kept = getattr(request, "_practitioners", {})
    if language not in kept:
        people = Person.objects.filter(is_practitioner=True).select_related("photo")
        if language != settings.LANGUAGE_CODE:
            people = people.prefetch_related(
                Prefetch("translations", queryset=PersonTranslation.objects.filter(language=language))
            )
        kept = {**kept, language: list(people)}
        if request is not None:
            request._practitioners = kept
    return kept[language]
