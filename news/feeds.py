"""RSS 2.0 and Atom feeds of published posts, for the whole site and per topic tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from core.text import strip_control_chars
from news.models import Post
from taxonomy.models import Topic

FEED_SIZE = 30


def _without_control_chars(value):
    if isinstance(value, str):
        return strip_control_chars(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_without_control_chars(item) for item in value)
    return value


class ControlCharFree:
    """XML cannot carry control characters (Django raises UnserializableContentError): rows
    stored before text was cleaned on save still make a valid feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *map(_without_control_chars, args),
            **{key: _without_control_chars(value) for key, value in kwargs.items()},
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *map(_without_control_chars, args),
            **{key: _without_control_chars(value) for key, value in kwargs.items()},
        )


class CleanRssFeed(ControlCharFree, Rss201rev2Feed):
    pass


class CleanAtomFeed(ControlCharFree, Atom1Feed):
    pass


class LatestPostsFeed(Feed):
    feed_type = CleanRssFeed
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
    feed_type = CleanAtomFeed
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
    feed_type = CleanAtomFeed
    subtitle = TopicFeed.description
