"""One week of the schedule as iCalendar (RFC 5545): one VEVENT per row.

A row with a time starts then (TZID=Asia/Ho_Chi_Minh) and has no end, which the schedule does
not state; a row without a time is a whole-day entry named with its session. Postponed rows
are CANCELLED, so a calendar that imported the week before learns of it.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

TIME_ZONE = "Asia/Ho_Chi_Minh"
PRODID = "-//dvsite//Lịch công tác tuần//VI"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _uid(row):
    host = urlsplit(settings.SITE_INFO["base_url"]).hostname or "localhost"
    return f"schedule-row-{row.pk}@{host}"


def _description(row):
    parts = [
        ("Chủ trì", row.chair),
        ("Thành phần", row.participants),
        ("Đơn vị chuẩn bị", row.unit_in_charge),
    ]
    lines = [f"{label}: {value}" for label, value in parts if value]
    if row.adjusted:
        lines.append("Điều chỉnh so với lịch đã công bố.")
    return "\n".join(lines)


def to_vevent(row, week_url, stamp):
    vevent = icalendar.Event()
    vevent.add("uid", _uid(row))
    vevent.add("dtstamp", stamp)
    if row.time is not None:
        vevent.add("dtstart", datetime.datetime.combine(row.date, row.time, ZoneInfo(TIME_ZONE)))
        summary = row.content
    else:
        vevent.add("dtstart", row.date)
        vevent.add("dtend", row.date + datetime.timedelta(days=1))
        summary = f"{row.get_session_display()}: {row.content}"
    vevent.add("summary", summary)
    if row.location:
        vevent.add("location", row.location)
    description = _description(row)
    if description:
        vevent.add("description", description)
    vevent.add("url", week_url)
    vevent.add("status", "CANCELLED" if row.postponed else "CONFIRMED")
    vevent.add("last-modified", row.updated_at)
    return vevent


def build_calendar(weeks, base_url, name):
    """The rows of the public `weeks` (with their rows prefetched) of one ISO week."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for week in weeks:
        url = base_url + week.get_absolute_url()
        for row in week.rows.all():
            cal.add_component(to_vevent(row, url, stamp))
    cal.add_missing_timezones()
    return cal
