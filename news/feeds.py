"""RSS 2.0 and Atom feeds of published posts, for the whole site and per topic tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from news.models import Post, Topic

FEED_SIZE = 30


class LatestPostsFeed(Feed):
    description_template = None

    def title(self, obj=None):
        return f"Tin tức – {settings.SITE_INFO['name']}"

    def link(self, obj=None):
        return reverse("news:list")

    def description(self, obj=None):
        return f"Tin tức mới nhất của {settings.SITE_INFO['name']}"

    def items(self, obj=None):
        return Post.objects.published().select_related("category")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers render the description as HTML; the summary is plain text.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    def item_guid(self, item):
        return f"{settings.SITE_INFO['base_url']}{item.get_absolute_url()}"

    item_guid_is_permalink = True


class LatestPostsAtom(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class TopicFeed(LatestPostsFeed):
    def get_object(self, request, tag_slug):
        return get_object_or_404(Topic.objects.public(), slug=tag_slug)

    def title(self, obj=None):
        return f"Chủ đề “{obj.name}” – {settings.SITE_INFO['name']}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"Tin tức về chủ đề “{obj.name}”"

    def items(self, obj=None):
        return (
            Post.objects.published()
            .filter(tags=obj)
            .select_related("category")
            .distinct()[:FEED_SIZE]
        )


class TopicAtom(TopicFeed):
    feed_type = Atom1Feed
    subtitle = TopicFeed.description
