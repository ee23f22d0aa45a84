"""The public schedule: a week (this one unless `?tuan=2026-W49` names another), its print view
and its `.ics`. A value that is not a week is a 404, never the current week under another URL."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from schedule import ical
from schedule.models import WorkItem, WorkWeek
from schedule.weeks import InvalidWeek, Week, parse


class NotCanonical(Exception):
    def __init__(self, week):
        self.week = week


def requested_week(request):
    """The week `?tuan=` names (this week without it); Http404 for anything else, NotCanonical
    for a week written another way ("2026w49"), which is redirected to "2026-W49"."""
    raw = request.GET.get("tuan")
    if raw is None:
        return Week.current()
    try:
        week = parse(raw)
    except InvalidWeek as error:
        raise Http404(str(error)) from None
    if raw != week.code:
        raise NotCanonical(week)
    return week


def schedules(request, week):
    """The week's schedules the visitor may see, rows included: two queries."""
    rows = Prefetch("rows", queryset=WorkItem.objects.all())
    weeks = WorkWeek.objects.visible_to(request.user).of_week(week)
    return list(weeks.select_related("unit").prefetch_related(rows).order_by("unit", "title", "pk"))


def _week_url(name, week):
    return f"{reverse(name)}?tuan={week.code}"


def _render_week(request, template):
    try:
        week = requested_week(request)
    except NotCanonical as moved:
        return redirect(_week_url(request.resolver_match.view_name, moved.week), permanent=True)
    items = schedules(request, week)
    today = timezone.localdate()
    current = Week.current(today)
    context = {
        "week": week,
        "schedules": items,
        "today": today,
        "is_current": week == current,
        "current_url": reverse("schedule:week"),
        "previous_url": _week_url("schedule:week", week.previous) if week.previous else "",
        "next_url": _week_url("schedule:week", week.next) if week.next else "",
        "print_url": _week_url("schedule:print", week),
        "ics_url": _week_url("schedule:ics", week),
        "canonical_path": _week_url("schedule:week", week),
        "crumbs": [("Lịch công tác", None)],
        "is_preview": any(not item.is_public() for item in items),
    }
    response = render(request, template, context)
    if context["is_preview"] or request.user.is_authenticated:
        add_never_cache_headers(response)
    return response


@require_safe
def week_view(request):
    return _render_week(request, "schedule/week.html")


@require_safe
def print_view(request):
    return _render_week(request, "schedule/week_print.html")


@require_safe
def week_ics(request):
    try:
        week = requested_week(request)
    except NotCanonical as moved:
        return redirect(_week_url("schedule:ics", moved.week), permanent=True)
    public = [item for item in schedules(request, week) if item.is_public()]
    base_url = request.build_absolute_uri("/").rstrip("/")
    name = f"Lịch công tác tuần {week.number}/{week.year} – {settings.SITE_INFO['name']}"
    response = HttpResponse(
        ical.build_calendar(public, base_url, name).to_ical(), content_type=ical.CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="lich-cong-tac-{week.code}.ics"'
    return response
