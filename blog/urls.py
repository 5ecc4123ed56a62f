"""The blog's feeds; inside the language prefix, so /feed/rss/ is English and /es/feed/rss/ Spanish."""

from django.urls import path

from .feeds import BlogAtomFeed, BlogRssFeed

urlpatterns = [
    path("feed/rss/", BlogRssFeed(), name="blog_feed_rss"),
    path("feed/atom/", BlogAtomFeed(), name="blog_feed_atom"),
    path("feed/<slug:category>/rss/", BlogRssFeed(), name="blog_category_feed_rss"),
    path("feed/<slug:category>/atom/", BlogAtomFeed(), name="blog_category_feed_atom"),
]
