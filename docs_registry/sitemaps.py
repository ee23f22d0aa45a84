from django.contrib.sitemaps import Sitemap

from docs_registry.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Document.objects.public().only("slug", "updated_at").order_by("-id")

    def lastmod(self, document):
        return document.updated_at
