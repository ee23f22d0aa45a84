"""The month grid: weeks from Monday, every day with its lunar date and the events covering it.

Plain functions over dates and already-fetched events, so the view makes its queries and the
template only loops. A day cell shows at most `DAY_LIMIT` events and "+ K sự kiện" for the rest
(`day_rows()` and `day_spans()` read a bounded number of rows however crowded the month is).
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateField, F, Value, Window
from django.db.models.functions import Greatest, Least, RowNumber

from core.dates import WEEKDAYS, WEEKDAYS_SHORT
from events.lunar import LunarDate, to_lunar

# The lunar algorithm is exact in this range; outside it the calendar answers 404.
MIN_YEAR = 1900
MAX_YEAR = 2199

# Events drawn in one day cell; the others are counted ("+ K sự kiện") and listed on the day's page.
DAY_LIMIT = 4

_calendar = calendar.Calendar(firstweekday=calendar.MONDAY)


class InvalidMonth(ValueError):
    pass


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    lunar: LunarDate
    events: list = field(default_factory=list)
    more: int = 0  # events of the day not drawn in its cell

    @property
    def has_events(self):
        return bool(self.events or self.more)

    @property
    def weekday_name(self):
        return WEEKDAYS[self.date.weekday()]

    @property
    def is_weekend(self):
        return self.date.weekday() >= 5


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list  # of 7-day lists
    previous: tuple | None  # (year, month), None at the edge of the supported range
    next: tuple | None

    weekday_names = WEEKDAYS
    weekday_short_names = WEEKDAYS_SHORT

    @property
    def first_visible(self):
        return self.weeks[0][0].date

    @property
    def last_visible(self):
        return self.weeks[-1][-1].date

    @property
    def label(self):
        return f"Tháng {self.month}/{self.year}"

    @property
    def days(self):
        return [day for week in self.weeks for day in week]

    @property
    def days_with_events(self):
        return [day for day in self.days if day.in_month and day.has_events]


def check_month(year, month):
    """Raise InvalidMonth unless (year, month) is a month the calendar shows."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise InvalidMonth(f"{month}/{year}")


def _shift(year, month, delta):
    index = year * 12 + (month - 1) + delta
    year, month = divmod(index, 12)
    month += 1
    try:
        check_month(year, month)
    except InvalidMonth:
        return None
    return year, month


def visible_range(year, month):
    """The first and last dates of the grid: whole weeks, Monday to Sunday."""
    check_month(year, month)
    weeks = _calendar.monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def _sort_key(event):
    # All-day events first, then by start time, then multi-day before single-day, then title.
    return (event.start_time is not None, event.start_time or datetime.time.min, event.title)


def _first_day(first):
    # The day an event's cell list starts on: its start, or the grid's first day if earlier.
    return Greatest("start_date", Value(first, output_field=DateField()))


def day_rows(events, first, last, limit=DAY_LIMIT):
    """The events of the queryset `events` overlapping first..last, at most `limit` starting on
    each visible day (an earlier start counts as the first day): the rows are bounded by the
    grid, not by the number of events. Longer events rank first on their day, so the days they
    run on after it find them too. The ranking reads only indexed columns
    (`events_event_calendar`, PostgreSQL answers it from the index), then the chosen rows are
    read by primary key."""
    ranked = (
        events.overlapping(first, last)
        .annotate(
            day_rank=Window(
                RowNumber(),
                partition_by=[_first_day(first)],
                order_by=[F("end_date").desc(), F("start_time").asc(nulls_first=True), "pk"],
            )
        )
        .filter(day_rank__lte=limit)
        .values("pk")
    )
    # The LIMIT (what the rank allows at most) tells the planner how few rows come out, so it
    # reads them by primary key rather than hashing them against the whole table.
    days = (last - first).days + 1
    return events.model.objects.filter(pk__in=ranked[: days * limit])


def day_spans(events, first, last):
    """{visible day: number of events covering it}, from one grouped query over the events'
    visible spans (a few rows per day, whatever the number of events)."""
    spans = (
        events.overlapping(first, last)
        .order_by()
        .values(
            span_first=_first_day(first),
            span_last=Least("end_date", Value(last, output_field=DateField())),
        )
        .annotate(number=Count("pk"))
    )
    totals = {}
    for span in spans:
        day = span["span_first"]
        while day <= span["span_last"]:
            totals[day] = totals.get(day, 0) + span["number"]
            day += datetime.timedelta(days=1)
    return totals


def build_month(year, month, events, today, totals=None, limit=None):
    """The grid of `year`/`month` with `events` (any iterable with start_date/end_date) placed
    on every visible day they cover. With `limit`, a day keeps its first `limit` events and
    counts the rest of its `totals` ({date: events covering it}) in `more`."""
    check_month(year, month)
    weeks = [
        [
            Day(date=d, in_month=d.month == month, is_today=d == today, lunar=to_lunar(d))
            for d in week
        ]
        for week in _calendar.monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    first, last = weeks[0][0].date, weeks[-1][-1].date
    for event in sorted(events, key=_sort_key):
        day = max(event.start_date, first)
        end = min(event.end_date or event.start_date, last)
        while day <= end:
            by_date[day].events.append(event)
            day += datetime.timedelta(days=1)
    if limit is not None:
        for day in by_date.values():
            total = len(day.events) if totals is None else totals.get(day.date, 0)
            day.events = day.events[:limit]
            day.more = max(total - len(day.events), 0)
    return MonthGrid(
        year=year,
        month=month,
        weeks=weeks,
        previous=_shift(year, month, -1),
        next=_shift(year, month, 1),
    )
