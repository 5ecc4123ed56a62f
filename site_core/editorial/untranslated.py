"""What readers of the site's other languages still see in the main language: a clinician's words, the
clinic settings' texts and translated pages' picture descriptions (hero and body images) that staff have not
written in that language yet (the page falls back to the main language's text, or for the crisis text to the standard line).
Listed on the admin dashboard for the staff who can fix them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Site

from site_core.pages.clinic import TRANSLATED_FIELDS as CLINIC_FIELDS
from site_core.pages.clinic import ClinicSettings, ClinicSettingsTranslation
from site_core.pages.hero import HeroImageAltMixin
from site_core.pages.people import PROFILE_FIELDS, Person, PersonTranslation
from site_core.pages.translated_words import other_languages

LIMIT = 20  # rows shown; the panel says when there are more


def _missing(record, translation_model, fields, language):
    """Labels of the fields with main-language text and no text in `language`."""
    translated = next((row for row in record.translations.all() if row.language == language), None)
    return [
        str(translation_model._meta.get_field(field).verbose_name)
        for field in fields
        if getattr(record, field) and not (translated and getattr(translated, field))
    ]


def untranslated_items(user, site):
    """[{language, what, fields, url}] for what this user may edit, people and settings first."""
    items = []
    can_edit_people = user.has_perm("site_core.change_person")
    can_edit_settings = user.has_perm("site_core.change_clinicsettings")
    people = Person.objects.filter(is_practitioner=True).select_related("photo").prefetch_related("translations")
    clinic = ClinicSettings.for_site(site) if site and can_edit_settings else None
    for language, language_name in other_languages():
        if can_edit_people:
            for person in people:
                if fields := _missing(person, PersonTranslation, PROFILE_FIELDS, language):
                    url = reverse("wagtailsnippets_site_core_person:edit", args=[person.pk])
                    items.append({"language": language_name, "what": person.name, "fields": fields, "url": url})
        if clinic is not None and (fields := _missing(clinic, ClinicSettingsTranslation, CLINIC_FIELDS, language)):
            url = reverse("wagtailsettings:edit", args=["site_core", "clinicsettings", site.pk])
            items.append({"language": language_name, "what": _("Clinic settings"), "fields": fields, "url": url})
        items.extend(_pages_still_described_in_the_main_language(user, language, language_name))
    return items


def _pages_still_described_in_the_main_language(user, language, language_name):
    """Live pages in `language` whose hero picture has no alt text of the page's own, or with a body image whose
    alt text is still the image's (written in the main language at upload, as a page translated by copying
    keeps it); only those this user may edit."""
    hero_label = str(HeroImageAltMixin._meta.get_field("hero_image_alt").verbose_name)
    body_label = str(_("image in the body"))
    for page in Page.objects.live().filter(locale__language_code=language).specific():
        fields = []
        if isinstance(page, HeroImageAltMixin) and page.hero_image_id and not page.hero_image_alt:
            fields.append(hero_label)
        images = [block.value["image"] for block in getattr(page, "body", None) or [] if block.block_type == "image"]
        if any(i and not i.decorative and i.contextual_alt_text == i.default_alt_text for i in images):
            fields.append(body_label)
        if fields and page.permissions_for_user(user).can_edit():
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            yield {"language": language_name, "what": page.title, "fields": fields, "url": url}


class UntranslatedPanel(Component):
    """The dashboard's list of texts readers of another language still see in the main one."""

    name = "untranslated"
    template_name = "site_core/panels/untranslated.html"
    order = 240

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        items = untranslated_items(self.request.user, Site.find_for_request(self.request))
        return {"items": items[:LIMIT], "more": len(items) > LIMIT}
