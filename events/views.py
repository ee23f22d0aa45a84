import datetime

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.preview import PreviewableDetailMixin
from events import calendar, ical
from events.lunar import to_lunar
from events.models import Event
from taxonomy.unit_filter import requested_unit, unit_q

# The list shows every upcoming event on its first page, up to this many.
UPCOMING_LIMIT = 30


class EventListView(ListView):
    """Upcoming events (soonest first) above past events (latest first, paginated)."""

    template_name = "events/event_list.html"
    paginate_by = 20
    context_object_name = "past_events"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        self.now = timezone.now()
        self.unit = requested_unit(self.request)  # ?don_vi=<slug>: a unit's events
        return self.in_unit(Event.objects.past(now=self.now))

    def in_unit(self, events):
        return events if self.unit is None else events.filter(unit_q(Event, self.unit))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_page = context["page_obj"].number == 1
        upcoming = self.in_unit(Event.objects.upcoming(now=self.now))
        context["upcoming_events"] = list(upcoming[:UPCOMING_LIMIT]) if first_page else []
        context["unit"] = self.unit
        context["crumbs"] = [("Sự kiện", None)]
        return context


@require_safe
def month_calendar(request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    try:
        first, last = calendar.visible_range(year, month)
    except calendar.InvalidMonth:
        raise Http404("Tháng không hợp lệ.") from None
    unit = requested_unit(request)  # ?don_vi=<slug>: a unit's events
    events = Event.objects.published()
    if unit is not None:
        events = events.filter(unit_q(Event, unit))
    # Two queries whatever the number of events: each day's first events, and every day's count.
    rows = calendar.day_rows(events, first, last).only(
        "title", "slug", "kind", "start_date", "end_date", "start_time", "end_time", "location"
    )
    totals = calendar.day_spans(events, first, last)
    grid = calendar.build_month(
        year, month, rows, today=today, totals=totals, limit=calendar.DAY_LIMIT
    )
    context = {
        "grid": grid,
        "unit": unit,
        "unit_query": f"?don_vi={unit.slug}" if unit else "",
        "crumbs": [("Sự kiện", reverse("events:list")), (grid.label, None)],
    }
    return render(request, "events/event_calendar.html", context)


DAY_PAGE_SIZE = 20


@require_safe
def day_events(request, year, month, day):
    """Every event of one day (the calendar cell's "+ K sự kiện"), paginated."""
    try:
        calendar.check_month(year, month)
        date = datetime.date(year, month, day)
    except (calendar.InvalidMonth, ValueError, OverflowError):
        raise Http404("Ngày không hợp lệ.") from None
    unit = requested_unit(request)
    events = Event.objects.published()
    if unit is not None:
        events = events.filter(unit_q(Event, unit))
    events = events.overlapping(date, date).order_by(
        F("start_time").asc(nulls_first=True), "title", "pk"
    )
    paginator = Paginator(events, DAY_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("Trang không tồn tại.") from None
    label = f"Ngày {date.day}/{date.month}/{date.year}"
    context = {
        "date": date,
        "label": label,
        "lunar": to_lunar(date),
        "events": page.object_list,
        "page_obj": page,
        "unit": unit,
        "unit_query": f"?don_vi={unit.slug}" if unit else "",
        "crumbs": [
            ("Sự kiện", reverse("events:list")),
            (f"Tháng {month}/{year}", reverse("events:calendar", args=[year, month])),
            (label, None),
        ],
    }
    return render(request, "events/event_day.html", context)


class EventDetailView(PreviewableDetailMixin, DetailView):
    model = Event
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["lunar_start"] = to_lunar(event.start_date)
        context["lunar_end"] = to_lunar(event.end_date) if event.is_multi_day else None
        context["related_posts"] = event.posts.published().order_by("-publish_at")[:10]
        context["tags"] = list(event.tags.all())
        context["crumbs"] = [("Sự kiện", reverse("events:list")), (event.title, None)]
        context["has_ended"] = event.has_ended()
        return context


def _ics_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return _ics_response(ical.build_calendar([event], base_url), f"{event.slug}.ics")


@require_safe
def calendar_feed(request):
    events = Event.objects.published().order_by("start_date", "start_time", "pk")
    base_url = request.build_absolute_uri("/").rstrip("/")
    name = f"Sự kiện – {settings.SITE_INFO['name']}"
    return _ics_response(ical.build_calendar(events, base_url, name=name), "lich-su-kien.ics")
