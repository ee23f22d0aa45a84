"""{% load events_tags %}: lunar dates and event date ranges written the Vietnamese way."""

import datetime

from django import template
from django.utils import timezone

from core import dates
from events.lunar import to_lunar

register = template.Library()


@register.filter
def lunar(value):
    """The LunarDate of a date or datetime: {{ day|lunar }} -> "6/1 ÂL", {{ (…)|lunar).long }}."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    return to_lunar(value)


@register.filter
def event_when(event):
    """ "Thứ Năm, 06/10/2022, 08:00 – 11:30" or "28/09/2016 – 29/09/2016" """
    start = dates.format_long_date(event.start_date)
    if event.is_multi_day:
        first = f"{start}, {event.start_time:%H:%M}" if event.start_time else start
        last = dates.format_long_date(event.end_date)
        if event.end_time:
            last = f"{last}, {event.end_time:%H:%M}"
        return f"{first} – {last}"
    if event.start_time and event.end_time:
        return f"{start}, {event.start_time:%H:%M} – {event.end_time:%H:%M}"
    if event.start_time:
        return f"{start}, {event.start_time:%H:%M}"
    return start
