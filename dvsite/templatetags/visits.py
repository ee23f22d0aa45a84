"""{% load visits %} {% visit_counter %}: "Lượt truy cập" in the footer.

The totals come from news' stored daily counts (`news.models.daily_views.visit_totals`, the one
reader) and are kept `VISIT_COUNTER_SECONDS` in the cache, so a page adds a query at most that
often and a request never writes anything; 0 leaves the counter out (the tests, whose query
counts must not depend on the order they run in)."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from news.models.daily_views import visit_totals

register = template.Library()


def cached_totals():
    seconds = getattr(settings, "VISIT_COUNTER_SECONDS", 0)
    if seconds <= 0:
        return None
    today = timezone.localdate()
    key = f"visits:totals:{today.isoformat()}"
    totals = cache.get(key)
    if totals is None:
        totals = visit_totals(today)
        cache.set(key, totals, seconds)
    return totals


@register.inclusion_tag("includes/visit_counter.html")
def visit_counter():
    return {"visits": cached_totals()}
