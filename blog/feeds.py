"""RSS and Atom feeds of the blog in the current language, for all posts or one category."""

import copy
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from site_core.caching.chrome import get_chrome

from .models import BlogCategory, BlogIndexPage

FEED_LENGTH = 20


class BlogRssFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        # blog/urls.py makes one instance that serves every request, in every thread: the request and the
        # clinic's name set below belong on a copy made for this request, never on the shared instance.
        return Feed.__call__(copy.copy(self), request, *args, **kwargs)

    def get_object(self, request, category=None):
        blog = (
            BlogIndexPage.objects.live()
            .public()
            .filter(locale__language_code=translation.get_language())
            .select_related("locale")
            .first()
        )
        if blog is None:
            raise Http404("No blog in this language.")
        chosen = None
        if category is not None:
            chosen = BlogCategory.objects.filter(slug=category, locale_id=blog.locale_id).first()
            if chosen is None:
                raise Http404("No such category.")
        self.request = request
        self.clinic_name = get_chrome(request, translation.get_language())["clinic"].clinic_name
        return {"blog": blog, "category": chosen}

    def title(self, obj):
        name = obj["blog"].title
        if obj["category"] is not None:
            name = f"{name}: {obj['category'].name}"
        return f"{name} | {self.clinic_name}"

    def link(self, obj):
        url = obj["blog"].get_full_url(self.request)
        return url + (f"?category={obj['category'].slug}" if obj["category"] is not None else "")

    def description(self, obj):
        return obj["blog"].intro or _("Articles from the clinic's blog.")

    subtitle = description

    def items(self, obj):
        return obj["blog"].get_posts(obj["category"])[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_meta_description()

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author.name if item.author else self.clinic_name

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
