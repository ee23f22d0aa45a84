from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from schedule.models import WorkWeek
from schedule.weeks import Week


class WorkWeekSitemap(Sitemap):
    """One URL per week that has a public schedule, however many units' schedules it holds."""

    changefreq = "weekly"
    priority = 0.4
    limit = 5000

    def items(self):

        return (
            WorkWeek.objects.published()
            .values("year", "week")
            .annotate(updated=Max("updated_at"))
            .order_by("-year", "-week")
        )

    def location(self, item):
        return f"{reverse('schedule:week')}?tuan={Week(item['year'], item['week']).code}"

    def lastmod(self, item):
        return item["updated"]
