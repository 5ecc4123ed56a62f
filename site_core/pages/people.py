"""People the pages name: practitioners, authors and medical reviewers (a snippet)."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from site_core.pages.blocks import RICH_TEXT_FEATURES


@register_snippet
class Person(index.Indexed, models.Model):
    """A practitioner, author or medical reviewer."""

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
    def specialty_list(self):
        return _split(self.specialties)

    @property
    def language_list(self):
        return _split(self.languages)


def _split(text):
    return [part.strip() for part in text.split(",") if part.strip()]


def practitioners():
    """The people who see patients, with their photos, in name order."""
    return list(Person.objects.filter(is_practitioner=True).select_related("photo"))
