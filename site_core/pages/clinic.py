"""The clinic's facts (name, phone, address, hours, how to get there, social links), edited once in Settings and
shown everywhere, and the settings' own words in the site's other languages (ClinicSettingsTranslation)."""

from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from site_core.pages.hours import hours_in_words, opening_hours_blocks, opening_hours_specification
from site_core.pages.translated_words import WordsInAnotherLanguage, other_languages, words_in_active_language


def check_email_addresses(addresses, field_name):
    """A form error on `field_name` naming the first entry of a recipient list that is not an email address."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            message = _("“%(address)s” is not an email address.") % {"address": address}
            raise ValidationError({field_name: message}) from None


@register_setting(icon="site")
class ClinicSettings(ClusterableModel, BaseSiteSetting):
    """The clinic's facts, edited once and shown in the header, footer and structured data; `words` gives the
    texts written in a language (crisis text, getting here, the map's alt text) in the reader's."""

    clinic_name = models.CharField(
        _("clinic name"),
        max_length=120,
        default="Limbic Medical",
        help_text=_("Shown in the header, the footer and to search engines."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        default="323.886.2273",
        help_text=_("As readers should see it, e.g. 323.886.2273. Links dial it."),
    )
    email = models.EmailField(_("public email"), blank=True, help_text=_("Shown in the footer; leave blank to hide."))
    street_address = models.CharField(
        _("street address"), max_length=200, blank=True, help_text=_("e.g. 123 Main St, Suite 4. Leave blank to hide.")
    )
    city = models.CharField(_("city"), max_length=100, default="Los Angeles", help_text=_("e.g. Los Angeles"))
    region = models.CharField(_("state"), max_length=50, default="CA", help_text=_("Two letters, e.g. CA"))
    postal_code = models.CharField(_("ZIP code"), max_length=12, blank=True, help_text=_("e.g. 90048"))
    opening_hours = StreamField(
        opening_hours_blocks(),
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_(
            "One row per day the clinic opens (two rows for a day with a break), and rows for days it is closed. "
            "Shown in words in the footer and on the Visit us page, and to search engines."
        ),
    )
    parking = models.TextField(_("parking"), blank=True, help_text=_("Where to park and what it costs, if known."))
    transit = models.TextField(
        _("public transport"), blank=True, help_text=_("Nearby bus and train stops, e.g. the Metro line and stop.")
    )
    building_access = models.TextField(
        _("building accessibility"),
        blank=True,
        help_text=_("Step-free entrance, lifts, accessible restrooms: what a visitor with a disability should know."),
    )
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("map image"),
        help_text=_("An optional static map of the surroundings; its alt text should say where the entrance is."),
    )
    offers_esketamine = models.BooleanField(
        _("offers esketamine (Spravato)"),
        default=False,
        help_text=_(
            "Tick only if the clinic is certified under the Spravato REMS program and offers it; otherwise pages "
            "tell patients to ask the clinic."
        ),
    )
    appointment_recipients = models.TextField(
        _("appointment-request recipients"),
        blank=True,
        help_text=_("Email addresses, one per line, that receive requests no routing rule claims."),
    )
    appointment_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appointment-request page"),
        help_text=_("Where every 'Request an appointment' button leads."),
    )
    crisis_text = models.CharField(
        _("crisis text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Replaces the standard crisis line text (call or text 988; call 911) when set. Leave blank to use the translated standard text."
        ),
    )
    facebook_url = models.URLField(
        _("Facebook"), blank=True, help_text=_("The clinic's page address; leave blank to hide.")
    )
    instagram_url = models.URLField(
        _("Instagram"), blank=True, help_text=_("The clinic's profile address; leave blank to hide.")
    )
    linkedin_url = models.URLField(
        _("LinkedIn"), blank=True, help_text=_("The clinic's page address; leave blank to hide.")
    )
    youtube_url = models.URLField(
        _("YouTube"), blank=True, help_text=_("The clinic's channel address; leave blank to hide.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("clinic_name"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region"), FieldPanel("postal_code")]),
                FieldPanel("opening_hours"),
            ],
            heading=_("Address and hours"),
        ),
        MultiFieldPanel(
            [FieldPanel("parking"), FieldPanel("transit"), FieldPanel("building_access"), FieldPanel("map_image")],
            heading=_("Getting here"),
        ),
        FieldPanel("offers_esketamine"),
        MultiFieldPanel(
            [
                PageChooserPanel("appointment_page", page_type="contact.ContactPage"),
                FieldPanel("appointment_recipients"),
            ],
            heading=_("Appointment requests"),
        ),
        FieldPanel("crisis_text"),
        InlinePanel(
            "translations",
            heading=_("In other languages"),
            max_num=len(other_languages()),  # one row per language
            help_text=_(
                "The crisis text, getting-here notes and the map's alt text as readers of that language see them."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("clinic settings")

    @property
    def words(self):
        """The settings' texts in the active language. A crisis text never falls back to the main language: a
        reader in another language keeps the translated standard crisis line until staff write theirs."""
        return words_in_active_language(self, TRANSLATED_FIELDS, never_fall_back=("crisis_text",))

    @property
    def map_image_alt(self):
        """The map's alt text in the main language (the image's own)."""
        return self.map_image.default_alt_text if self.map_image else ""

    @property
    def phone_href(self):
        """The phone number as a tel: link target, digits only, with the US country code."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if len(digits) == 10:
            digits = "1" + digits
        return f"tel:+{digits}"

    @property
    def sms_href(self):
        return self.phone_href.replace("tel:", "sms:")

    @property
    def hours_lines(self):
        """The opening hours in words, in the current language."""
        return hours_in_words(self.opening_hours)

    @property
    def opening_hours_specification(self):
        return opening_hours_specification(self.opening_hours)

    @property
    def address_line(self):
        """The address on one line, e.g. "Los Angeles, CA" when the clinic has given no street address."""
        place = ", ".join(part for part in (self.city, self.region) if part)
        place = f"{place} {self.postal_code}".strip()
        return ", ".join(part for part in (self.street_address, place) if part)

    @property
    def directions_url(self):
        """An OpenStreetMap search for the street address (a plain link: nothing loads until it is followed);
        none without a street address, as a city alone gives no directions."""
        if not self.street_address:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address_line})

    @property
    def recipient_list(self):
        return [line.strip() for line in self.appointment_recipients.replace(",", "\n").splitlines() if line.strip()]

    def clean(self):
        # One mistyped address would make every unrouted request's email fail until its retries ran out.
        check_email_addresses(self.recipient_list, "appointment_recipients")

    @property
    def social_urls(self):
        return [u for u in (self.facebook_url, self.instagram_url, self.linkedin_url, self.youtube_url) if u]


TRANSLATED_FIELDS = ("crisis_text", "parking", "transit", "building_access", "map_image_alt")


class ClinicSettingsTranslation(WordsInAnotherLanguage):
    """The clinic settings' texts in another language; a blank field shows the main language's text (the crisis
    text excepted: see ClinicSettings.words)."""

    clinic = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="translations")
    crisis_text = models.CharField(
        _("crisis text"),
        max_length=250,
        blank=True,
        help_text=_("Leave blank to use the standard crisis line text, translated."),
    )
    parking = models.TextField(_("parking"), blank=True)
    transit = models.TextField(_("public transport"), blank=True)
    building_access = models.TextField(_("building accessibility"), blank=True)
    map_image_alt = models.CharField(
        _("map alt text"), max_length=250, blank=True, help_text=_("What the map shows, in this language.")
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("crisis_text"),
        FieldRowPanel([FieldPanel("parking"), FieldPanel("transit")]),
        FieldPanel("building_access"),
        FieldPanel("map_image_alt"),
    ]

    class Meta(WordsInAnotherLanguage.Meta):
        verbose_name = _("clinic texts in another language")
        verbose_name_plural = _("clinic texts in other languages")
        constraints = [
            models.UniqueConstraint(fields=["clinic", "language"], name="one_clinic_translation_per_language")
        ]
