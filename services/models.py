from django.apps import apps
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from site_core.editorial.review import HealthSectionMixin, MedicallyReviewedMixin
from site_core.pages.blocks import RICH_TEXT_FEATURES, FAQItemBlock, body_blocks
from site_core.pages.hero import HeroImageAltMixin
from site_core.pages.models import BODY_HELP, HERO_IMAGE_HELP, BasePage, live_in_order


class ServiceIndexPage(HealthSectionMixin, BasePage):
    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("A sentence or two above the list of conditions and treatments."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count_per_parent = 1
    summary_field = "intro"

    class Meta:
        verbose_name = _("services index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fetched only if the content fragment is not cached (site_core.templatetags.fragment_tags).
        services = SimpleLazyObject(
            lambda: list(
                ServicePage.objects.child_of(self).live().public().select_related("hero_image").order_by("path")
            )
        )
        context["conditions"] = SimpleLazyObject(lambda: [s for s in services if s.kind == ServicePage.CONDITION])
        context["treatments"] = SimpleLazyObject(lambda: [s for s in services if s.kind == ServicePage.TREATMENT])
        return context


class ServicePage(MedicallyReviewedMixin, HeroImageAltMixin, BasePage):
    """A condition the clinic treats or a treatment it offers."""

    CONDITION = "condition"
    TREATMENT = "treatment"
    KINDS = [(CONDITION, _("Condition")), (TREATMENT, _("Treatment"))]

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KINDS,
        default=CONDITION,
        help_text=_("Conditions describe what we treat; treatments describe how."),
    )
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for cards and search results.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=HERO_IMAGE_HELP,
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"), help_text=BODY_HELP)
    approach = StreamField(
        body_blocks(),
        blank=True,
        verbose_name=_("how we treat it / what to expect"),
        help_text=_("For a condition, how the clinic treats it; for a treatment, what a patient can expect."),
    )
    risks = RichTextField(
        _("risks and side effects"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("State risks plainly; promise no results."),
    )
    off_label_note = RichTextField(
        _("off-label note"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Say plainly where a treatment is used off-label (not FDA-approved for this use)."),
    )
    faqs = StreamField(
        [("faq", FAQItemBlock())],
        blank=True,
        verbose_name=_("frequently asked questions"),
        help_text=_(
            "Questions patients ask, each with a short answer; shown as an expandable list and to search engines."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
        FieldPanel("approach"),
        MultiFieldPanel([FieldPanel("risks"), FieldPanel("off_label_note")], heading=_("Safety")),
        FieldPanel("faqs"),
        MultiFieldPanel(
            [
                InlinePanel("related_services", label=_("Related service"), max_num=4),
                InlinePanel("related_posts", label=_("Related post"), max_num=3),
            ],
            heading=_("Related content"),
        ),
        *MedicallyReviewedMixin.review_panels,
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("approach"),
        index.SearchField("faqs"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    summary_field = "summary"
    serve_select_related = ("hero_image", "medical_reviewer")
    schema_page_type = "MedicalWebPage"

    class Meta:
        verbose_name = _("service page")

    def add_structured_data(self, graph):
        """The condition or therapy the page is about, then its medical review."""
        about = {"@type": "MedicalCondition" if self.kind == self.CONDITION else "MedicalTherapy", "name": self.title}
        if self.summary:
            about["description"] = self.summary
        graph.webpage["about"] = about
        super().add_structured_data(graph)

    @property
    def approach_heading(self):
        return _("How we treat it") if self.kind == self.CONDITION else _("What to expect")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fetched only if the content fragment is not cached (site_core.templatetags.fragment_tags).
        context["related_services"] = SimpleLazyObject(
            lambda: live_in_order(ServicePage, self.related_services, "service")
        )
        blog_post = apps.get_model("blog", "BlogPostPage")
        context["related_posts"] = SimpleLazyObject(lambda: live_in_order(blog_post, self.related_posts, "post"))
        return context


class ServiceRelatedService(Orderable):
    page = ParentalKey(ServicePage, related_name="related_services", on_delete=models.CASCADE)
    service = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("service")
    )

    panels = [PageChooserPanel("service", page_type="services.ServicePage")]


class ServiceRelatedPost(Orderable):
    page = ParentalKey(ServicePage, related_name="related_posts", on_delete=models.CASCADE)
    post = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("post"))

    panels = [PageChooserPanel("post", page_type="blog.BlogPostPage")]
