from django.contrib.sitemaps import Sitemap

from practices.models import Practice


class PracticeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Practice.objects.published().only("slug", "updated_at").order_by("-id")

    def lastmod(self, practice):
        return practice.updated_at
