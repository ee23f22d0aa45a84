from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SectionSitemap(Sitemap):
    """The fixed entry pages of each section."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "home",
            "news:list",
            "events:list",
            "events:calendar_current",
            "schedule:week",
            "docs_registry:list",
            "about",
            "about_leaders",
            "about_contact",
        ]

    def location(self, name):
        return reverse(name)
