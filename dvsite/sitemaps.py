from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from taxonomy.units import Unit


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
            "units:index",
            "about",
            "about_leaders",
            "about_contact",
        ]

    def location(self, name):
        return reverse(name)


class UnitSitemap(Sitemap):
    """Every unit's page, current and former: a former unit's name is how old articles are
    found."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Unit.objects.only("slug").order_by("pk")
