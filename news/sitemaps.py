from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.publishing import published_q
from news.models import Category, Post
from taxonomy.models import Topic


class PostSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-publish_at", "-id")

    def lastmod(self, post):
        return post.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return (
            Category.objects.order_by("position", "name")
            .annotate(last_post=Max("posts__updated_at", filter=published_q("posts__")))
            .filter(last_post__isnull=False)
        )

    def lastmod(self, category):
        return category.last_post


class TopicSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return (
            Topic.objects.annotate(
                last_post=Max(
                    "tagged_posts__content_object__updated_at",
                    filter=published_q("tagged_posts__content_object__"),
                )
            )
            .filter(last_post__isnull=False)
            .order_by("name")
        )

    def lastmod(self, topic):
        return topic.last_post
