"""Deadlines in working days: the one rule (Saturdays, Sundays and `HOLIDAYS` are not counted)."""

import datetime

from django.conf import settings


def holidays():
    """The public holidays of the settings (`DJANGO_HOLIDAYS`), as dates; bad entries ignored."""
    found = set()
    for value in getattr(settings, "HOLIDAYS", ()):
        if isinstance(value, datetime.date):
            found.add(value)
            continue
        try:
            found.add(datetime.date.fromisoformat(str(value).strip()))
        except ValueError:
            continue
    return found


def is_working_day(day, days_off=None):
    days_off = holidays() if days_off is None else days_off
    return day.weekday() < 5 and day not in days_off


def add_working_days(start, count, days_off=None):
    """The date `count` working days after `start` (which itself is not counted): an item
    received on Friday with 1 day is due on Monday, or Tuesday when Monday is a holiday."""
    days_off = holidays() if days_off is None else days_off
    day = start
    remaining = max(int(count), 0)
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            remaining -= 1
    return day


def working_days_between(start, end, days_off=None):
    """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    days_off = holidays() if days_off is None else days_off
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            count += 1
    return count
