"""RSS of newly recognised models: the newest recognition first, then the newest published."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from seo.structured_data import plain_text

from .models import Practice

FEED_SIZE = 30


class RecognisedPracticesFeed(Feed):
    feed_type = Rss201rev2Feed  # text is stored without control characters (ContentModel.save)

    def title(self):
        return f"Mô hình Dân vận khéo mới được công nhận – {settings.SITE_INFO['name']}"

    def link(self):
        return reverse("practices:list")

    def description(self):
        return "Các mô hình Dân vận khéo mới được công nhận, mới đưa lên cổng thông tin."

    def items(self):
        return (
            Practice.objects.published()
            .filter(last_recognised_year__gt=0)
            .select_related("unit", "sector")
            .order_by("-last_recognised_year", F("publish_at").desc(), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [
            f"Công nhận năm {item.last_recognised_year}",
            item.unit.label if item.unit else "",
            item.sector.name if item.sector else "",
        ]
        lead = " · ".join(part for part in parts if part)
        summary = plain_text(item.summary, limit=300)
        return f"{lead}. {summary}" if summary else lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_categories(self, item):
        return [item.sector.name] if item.sector else []

    def item_guid(self, item):
        return f"{settings.SITE_INFO['base_url']}{item.get_absolute_url()}"

    item_guid_is_permalink = True
