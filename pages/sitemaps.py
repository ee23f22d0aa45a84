from django.contrib.sitemaps import Sitemap

from pages.models import AboutPage


class AboutSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return AboutPage.objects.published()

    def lastmod(self, page):
        return page.updated_at
