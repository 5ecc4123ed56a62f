from datetime import datetime, time

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from site_core.caching import keys as page_cache_keys
from site_core.editorial.review import HealthSectionMixin, MedicallyReviewedMixin
from site_core.pages.blocks import RICH_TEXT_FEATURES, body_blocks
from site_core.pages.hero import HeroImageAltMixin
from site_core.pages.models import BODY_HELP, HERO_IMAGE_HELP, BasePage, live_in_order


@register_snippet
class BlogCategory(TranslatableMixin, models.Model):
    name = models.CharField(
        _("name"), max_length=80, help_text=_("Shown to readers on posts and in the blog's list of categories.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in the address of the category's list of posts.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class BlogIndexPage(HealthSectionMixin, BasePage):
    intro = models.TextField(
        _("introduction"), max_length=400, blank=True, help_text=_("A sentence or two above the list of posts.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["blog.BlogPostPage"]
    max_count_per_parent = 1
    summary_field = "intro"
    posts_per_page = 10
    cache_query_params = ("page", "category")
    advertises_blog_feeds = True

    class Meta:
        verbose_name = _("blog index page")

    def get_posts(self, category=None):
        posts = (
            BlogPostPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image", "category", "author")
            .order_by("-date", "-pk")
        )
        if category is not None:
            posts = posts.filter(category=category)
        return posts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = BlogCategory.objects.filter(locale_id=self.locale_id)
        category = None
        slug = request.GET.get("category")
        if slug:
            category = categories.filter(slug=slug).first()
        paginator = Paginator(self.get_posts(category), self.posts_per_page)
        try:
            posts = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            posts = paginator.page(1)
        except EmptyPage:
            posts = paginator.page(paginator.num_pages)
        # What the page cache keys this copy by: the values used, so `?page=02` or `?page=x` is never stored.
        page_cache_keys.declare(
            request, self, page=posts.number if posts.number > 1 else None, category=category.slug if category else None
        )
        context.update(
            posts=posts,
            categories=categories,
            current_category=category,
            # Fetched only if the content fragment is not cached (the largest query of this page, by the profile).
            other_language_posts=SimpleLazyObject(self.get_other_language_posts) if category is None else [],
        )
        return context

    def get_other_language_posts(self):
        """Posts of this blog's other-language versions that have no translation in this blog's language
        yet, so readers can still find them, each marked with the language it is in."""
        blogs = list(self.get_translations().values_list("path", flat=True))
        if not blogs:
            return []
        in_other_blogs = models.Q()
        for path in blogs:
            in_other_blogs |= models.Q(path__startswith=path, depth=self.depth + 1)
        translated_here = BlogPostPage.objects.filter(locale_id=self.locale_id).values("translation_key")
        return list(
            BlogPostPage.objects.live()
            .public()
            .filter(in_other_blogs)
            .exclude(translation_key__in=translated_here)
            .select_related("locale")
            .order_by("-date", "-pk")
        )


class BlogPostPage(MedicallyReviewedMixin, HeroImageAltMixin, BasePage):
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the blog list and search results.")
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
    date = models.DateField(
        _("publish date"),
        default=timezone.localdate,
        help_text=_("The date readers see: the day the post was first published, unless you know an earlier true one."),
    )
    category = models.ForeignKey(
        BlogCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("category"),
        help_text=_(
            "Groups the post with others; when no related posts are chosen, the latest ones in the same category "
            "are shown."
        ),
    )
    author = models.ForeignKey(
        "site_core.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("The person who wrote the post, shown with it and in its structured data."),
    )
    body = StreamField(body_blocks(), verbose_name=_("body"), help_text=BODY_HELP)
    reader_note = RichTextField(
        _("note beside the article"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Shown beside the article, e.g. that it reflects the clinic's view and is not medical advice, and to "
            "talk with a clinician. Leave blank to show none."
        ),
    )
    off_label_note = RichTextField(
        _("off-label note"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Say plainly where a treatment the post discusses is used off-label (not FDA-approved for this use)."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("author"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("reader_note"), FieldPanel("off_label_note")], heading=_("Beside the article")),
        MultiFieldPanel([InlinePanel("related_posts", label=_("Related post"), max_num=3)], heading=_("Related posts")),
        *MedicallyReviewedMixin.review_panels,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    summary_field = "summary"
    serve_select_related = ("hero_image", "category", "author", "medical_reviewer")
    og_type = "article"
    advertises_blog_feeds = True

    class Meta:
        verbose_name = _("blog post")

    def add_structured_data(self, graph):
        """A BlogPosting beside the web page; the medical review is the posting's."""
        published = timezone.make_aware(datetime.combine(self.date, time(9)))
        posting = {
            "@type": "BlogPosting",
            "@id": graph.page_url + "#article",
            "headline": Truncator(self.title).chars(110),
            "url": graph.page_url,
            "mainEntityOfPage": {"@id": graph.page_url + "#webpage"},
            "datePublished": graph.iso(published),
            "dateModified": graph.iso(self.last_published_at or published),
            "inLanguage": graph.language,
            "publisher": {"@id": graph.root + "#clinic"},
            "author": graph.person_id(self.author) if self.author is not None else {"@id": graph.root + "#clinic"},
        }
        if graph.description:
            posting["description"] = graph.description
        if graph.image:
            image = graph.image
            posting["image"] = {"@type": "ImageObject", **{k: image[k] for k in ("url", "width", "height")}}
        if self.category is not None:
            posting["articleSection"] = self.category.name
        graph.reviewed(posting)
        if graph.sources:
            posting["citation"] = graph.sources
        graph.nodes.append(posting)

    def get_related_posts(self):
        """The editor's choice, else the latest posts in the same category."""
        chosen = live_in_order(BlogPostPage, self.related_posts, "post")
        if chosen:
            return chosen
        if not self.category_id:
            return []
        return list(
            BlogPostPage.objects.live()
            .public()
            .filter(category_id=self.category_id)
            .exclude(pk=self.pk)
            .order_by("-date")[:3]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fetched only if the content fragment is not cached (site_core.templatetags.fragment_tags).
        context["related_posts"] = SimpleLazyObject(self.get_related_posts)
        return context


class BlogPostRelatedPost(Orderable):
    page = ParentalKey(BlogPostPage, related_name="related_posts", on_delete=models.CASCADE)
    post = models.ForeignKey(BlogPostPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("post"))

    panels = [PageChooserPanel("post")]
