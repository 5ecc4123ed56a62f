"""The page types every part of the site shares: BasePage, the home page and standard pages, and the helpers they
use to read linked pages."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from site_core.caching import keys as page_cache_keys
from site_core.pages.blocks import RICH_TEXT_FEATURES, CallToActionBlock, body_blocks
from site_core.pages.hero import HeroImageAltMixin
from site_core.pages.home_sections import HomeSectionsMixin
from site_core.pages.i18n import sitemap_urls

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
            pages.filter(pk__in=links.values(field))
            .annotate(link_order=models.Subquery(order))
            # Links saved without a position (not through the admin's panel) go last on every database.
            .order_by(models.F("link_order").asc(nulls_last=True), "pk")
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


class BasePage(Page):
    """Shared behaviour of the site's page types."""

    summary_field = None  # the field used as meta description when the page has none
    serve_select_related = ()  # foreign keys every render of this page type reads
    # Query parameters that change what the page shows; all others (utm_*, fbclid…) share its cached copy.
    cache_query_params = ()
    # What search engines and social sites are told this page is (schema.org page type, Open Graph type).
    schema_page_type = "WebPage"
    og_type = "website"
    lists_practitioners = False  # its structured data describes every practitioner
    advertises_blog_feeds = False  # its head links the blog's RSS and Atom feeds

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
        """Each language version of the page with its hreflang alternates (see site_core.pages.i18n)."""
        return sitemap_urls(self, request, super().get_sitemap_urls(request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # None of the query's parameters were used (a page type that uses some declares them again).
        page_cache_keys.declare(request, self)
        return context

    def add_structured_data(self, graph):
        """Add what only this page type says to the JSON-LD graph (a site_core.seo.structured_data.PageGraph)."""

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        return getattr(self, self.summary_field, "") if self.summary_field else ""


class HomePage(HomeSectionsMixin, HeroImageAltMixin, BasePage):
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
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("services_heading"), InlinePanel("featured_services", label=_("Featured services"), max_num=8)],
            heading=_("Featured services"),
        ),
        *HomeSectionsMixin.section_panels,
        FieldPanel("posts_heading"),
        FieldPanel("call_to_action"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    summary_field = "hero_text"
    serve_select_related = ("hero_image", "team_page")
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
        # Fetched only if the content fragment is not cached (site_core.templatetags.fragment_tags).
        featured = SimpleLazyObject(lambda: live_in_order(service_page, self.featured_services, "page"))
        context["featured_services"] = featured
        sections = SimpleLazyObject(lambda: self.section_context(featured, request))
        for key in ("team_url", "featured_conditions", "featured_treatments", "clinicians"):
            context[key] = SimpleLazyObject(lambda key=key: sections[key])
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
    introduces_the_clinic = models.BooleanField(
        _("introduces the clinic"),
        default=False,
        help_text=_("Tick on the About page: search engines are told it describes the clinic and its clinicians."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = BasePage.promote_panels + [FieldPanel("introduces_the_clinic")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["site_core.HomePage", "site_core.StandardPage"]
    subpage_types = ["site_core.StandardPage"]
    summary_field = "intro"

    class Meta:
        verbose_name = _("standard page")

    @property
    def schema_page_type(self):
        return "AboutPage" if self.introduces_the_clinic else "WebPage"

    @property
    def lists_practitioners(self):
        return self.introduces_the_clinic
