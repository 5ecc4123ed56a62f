"""What every page shares: clinic settings, people, menus, the home and standard pages."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import RICH_TEXT_FEATURES, CallToActionBlock, body_blocks
from .i18n import sitemap_urls


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's facts, edited once and shown in the header, footer and structured data."""

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
    hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per day range, e.g. 'Mo-Fr 09:00-17:00'. Shown in the footer and to search engines."),
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
                FieldPanel("hours"),
            ],
            heading=_("Address and hours"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("appointment_page", page_type="contact.ContactPage"),
                FieldPanel("appointment_recipients"),
            ],
            heading=_("Appointment requests"),
        ),
        FieldPanel("crisis_text"),
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
        return [line.strip() for line in self.hours.splitlines() if line.strip()]

    @property
    def recipient_list(self):
        return [line.strip() for line in self.appointment_recipients.replace(",", "\n").splitlines() if line.strip()]

    def clean(self):
        # One mistyped address would make every unrouted request's email fail until its retries ran out.
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        for address in self.recipient_list:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"appointment_recipients": _("“%(address)s” is not an email address.") % {"address": address}}
                ) from None

    @property
    def social_urls(self):
        return [u for u in (self.facebook_url, self.instagram_url, self.linkedin_url, self.youtube_url) if u]


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
    is_practitioner = models.BooleanField(
        _("sees patients"), default=False, help_text=_("Practitioners are described to search engines as physicians.")
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


@register_snippet
class Menu(TranslatableMixin, ClusterableModel):
    """An editable list of links: the main menu and the footer menu, one per language."""

    LOCATIONS = [("main", _("Main menu")), ("footer", _("Footer menu"))]
    location = models.CharField(
        _("location"), max_length=20, choices=LOCATIONS, help_text=_("Where on every page this menu appears.")
    )

    panels = [FieldPanel("location"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        unique_together = [("translation_key", "locale"), ("location", "locale")]

    def __str__(self):
        return str(self.get_location_display())


class MenuItem(Orderable):
    menu = ParentalKey(Menu, related_name="items", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The page this link opens; its address follows the page if it moves."),
    )
    link_url = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Used only when no page is chosen, e.g. https://… or /path/."),
        validators=[RegexValidator(r"^(https?://|/)", _("Start with https://, http:// or /."))],
    )
    link_text = models.CharField(_("text"), max_length=60, blank=True, help_text=_("Defaults to the page's title."))

    panels = [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    @property
    def text(self):
        if self.link_text:
            return self.link_text
        return self.link_page.title if self.link_page_id else self.link_url

    @property
    def href(self):
        if self.link_page_id:
            return self.link_page.localized.url
        return self.link_url


# Help text shared by the page types that have these fields.
HERO_IMAGE_HELP = _(
    "A wide picture at the top of the page, also used when the page is shared; its alt text is read to "
    "screen-reader users."
)
BODY_HELP = _("Headings, paragraphs, images and callouts.")


def live_in_order(model, links, field):
    """Live pages of one type chosen through an inline panel (`links`, e.g. `page.related_posts`, whose
    foreign key to the chosen page is `field`), in the editor's order, in one query.

    An editor chose these pages, so view restrictions are not re-checked here (that would cost a query).
    In a preview the links are unsaved, so they are read from memory and the pages fetched by id."""
    links = links.all()
    pages = model.objects.live().select_related("hero_image")
    if isinstance(links, models.QuerySet):
        order = links.filter(**{field: models.OuterRef("pk")}).values("sort_order")[:1]
        return list(
            pages.filter(pk__in=links.values(field)).annotate(link_order=models.Subquery(order)).order_by("link_order")
        )
    ids = [getattr(link, f"{field}_id") for link in links]
    found = pages.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def breadcrumb_ancestors(page):
    """The pages between the home page and this one, home included; kept on the page, so the breadcrumbs and
    their structured data share one query."""
    if not hasattr(page, "_breadcrumb_ancestors"):
        page._breadcrumb_ancestors = list(page.get_ancestors().filter(depth__gt=1)) if page.depth > 2 else []
    return page._breadcrumb_ancestors


class MedicallyReviewedMixin(models.Model):
    """Who last reviewed a health page, and when; shown on the page and in its structured data."""

    medical_reviewer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("medical reviewer"),
        help_text=_("Set automatically when the medical review is approved."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("Set automatically when the medical review is approved.")
    )

    # Read-only: only an approval in the "Medical review" workflow sets them (site_core.governance).
    review_panels = [
        MultiFieldPanel(
            [FieldPanel("medical_reviewer", read_only=True), FieldPanel("last_reviewed", read_only=True)],
            heading=_("Medical review"),
        )
    ]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Health pages go live only through the Medical review workflow (site_core.governance)."""
        from .governance import HealthPagePermissionTester

        return HealthPagePermissionTester(user, self)


class BasePage(Page):
    """Shared behaviour of the site's page types."""

    summary_field = None  # the field used as meta description when the page has none
    serve_select_related = ()  # foreign keys every render of this page type reads

    # Wagtail's own fields for search engines and sharing, with help text that says what each is for.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel(
                    "seo_title",
                    help_text=_(
                        "The headline in search results and when the page is shared, before the clinic's name. "
                        "Leave blank to use the page title. About 60 characters at most."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    help_text=_(
                        "The text under the headline in search results and link previews. Leave blank to use "
                        "the page's summary or introduction. About 155 characters."
                    ),
                ),
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Restrictions on this page and its ancestors in one query: the ancestors' tree paths are
        prefixes of this page's own path, so they need no query of their own. Aliases keep Wagtail's
        way, which resolves them to their source pages."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def get_sitemap_urls(self, request=None):
        """Each language version of the page with its hreflang alternates (see site_core.i18n)."""
        return sitemap_urls(self, request, super().get_sitemap_urls(request))

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        return getattr(self, self.summary_field, "") if self.summary_field else ""


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=120, help_text=_("The page's main heading."))
    hero_text = models.TextField(
        _("hero text"), max_length=400, blank=True, help_text=_("One or two sentences under the heading.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A calm, wide picture behind the heading; its alt text is read to screen-reader users."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("A short paragraph under the hero.")
    )
    services_heading = models.CharField(
        _("services heading"),
        max_length=120,
        default="How we can help",
        help_text=_("Heading above the featured services."),
    )
    posts_heading = models.CharField(
        _("posts heading"), max_length=120, default="From our blog", help_text=_("Heading above the latest posts.")
    )
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("call to action"),
        help_text=_("Shown at the foot of the page."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("services_heading"), InlinePanel("featured_services", label=_("Featured services"), max_num=8)],
            heading=_("Featured services"),
        ),
        FieldPanel("posts_heading"),
        FieldPanel("call_to_action"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    summary_field = "hero_text"
    serve_select_related = ("hero_image",)
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a descendant by its full path in two queries, however deep, instead of two per level."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            content_type_id = Page.objects.filter(url_path=url_path).values_list("content_type_id", flat=True).first()
            if content_type_id is not None:
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                related = getattr(model, "serve_select_related", ())
                page = model.objects.select_related(*related).get(url_path=url_path)
                return page.route(request, [])
        # Not an exact page path: a route inside a page (e.g. /contact/thank-you/) or a 404.
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        service_page = apps.get_model("services", "ServicePage")
        context["featured_services"] = live_in_order(service_page, self.featured_services, "page")
        blog_post = apps.get_model("blog", "BlogPostPage")
        context["latest_posts"] = (
            blog_post.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .select_related("hero_image")
            .order_by("-date")[:3]
        )
        return context


class HomePageFeaturedService(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_services", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service page"),
        help_text=_("A condition or treatment to feature on the home page."),
    )

    panels = [PageChooserPanel("page", page_type="services.ServicePage")]


class StandardPage(BasePage):
    """Plain pages such as About and the privacy policy."""

    intro = models.TextField(
        _("introduction"), max_length=400, blank=True, help_text=_("A sentence or two above the body.")
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"), help_text=BODY_HELP)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = ["site_core.StandardPage"]
    summary_field = "intro"

    class Meta:
        verbose_name = _("standard page")
