"""iCalendar (RFC 5545) for one event or the whole published calendar, via the icalendar library.

All-day events are VALUE=DATE with an exclusive DTEND (the day after the last day); timed events
carry TZID=Asia/Ho_Chi_Minh and the calendar includes the matching VTIMEZONE.
"""

import datetime
import html
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

EVENT_TIME_ZONE = "Asia/Ho_Chi_Minh"
PRODID = "-//dvsite//Lịch sự kiện//VI"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_domain():
    """The host part of event UIDs: a setting, else the host of the site's base URL."""
    configured = getattr(settings, "EVENTS_UID_DOMAIN", "")
    return configured or urlsplit(settings.SITE_INFO["base_url"]).hostname or "localhost"


def event_uid(event):
    # Stable: depends only on the primary key, never on the title or slug.
    return f"event-{event.pk}@{uid_domain()}"


def plain_text(rich_text):
    """Editor HTML as plain text: tags removed, entities decoded, paragraphs kept apart."""
    text = rich_text.replace("</p>", "</p>\n\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    lines = (line.strip() for line in html.unescape(strip_tags(text)).splitlines())
    return "\n".join(lines).strip()


def _description(event):
    parts = []
    if event.organiser:
        parts.append(f"Đơn vị tổ chức: {event.organiser}")
    if event.format != "in_person":
        points = f", {event.connection_points} điểm cầu" if event.connection_points else ""
        parts.append(f"Hình thức: {event.get_format_display()}{points}")
    if event.theme_list:
        parts.append("Chuyên đề: " + "; ".join(event.theme_list))
    if event.speaker_list:
        parts.append("Báo cáo viên: " + ", ".join(event.speaker_list))
    body = plain_text(event.description)
    if body:
        parts.append(body)
    return "\n\n".join(parts)


def _times(event):
    """(DTSTART, DTEND or None)."""
    if event.all_day:
        return event.start_date, event.end_date + datetime.timedelta(days=1)
    zone = ZoneInfo(EVENT_TIME_ZONE)
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=zone)
    if event.end_time is not None:
        return start, datetime.datetime.combine(event.end_date, event.end_time, tzinfo=zone)
    if event.end_date != event.start_date:
        # A known start but no end time: the event lasts to the end of its last day.
        midnight = datetime.time(0, 0)
        end = event.end_date + datetime.timedelta(days=1)
        return start, datetime.datetime.combine(end, midnight, tzinfo=zone)
    return start, None


def to_vevent(event, base_url, stamp):
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    start, end = _times(event)
    vevent.add("dtstart", start)
    if end is not None:
        vevent.add("dtend", end)
    vevent.add("summary", event.title)
    if event.location:
        vevent.add("location", event.location)
    description = _description(event)
    if description:
        vevent.add("description", description)
    vevent.add("url", base_url + event.get_absolute_url())
    vevent.add("categories", [event.get_kind_display()])
    vevent.add("last-modified", event.updated_at)
    return vevent


def build_calendar(events, base_url, name=None):
    """An icalendar.Calendar holding `events`; `base_url` ("https://host") makes URLs absolute."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    cal.add("x-wr-timezone", EVENT_TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        cal.add_component(to_vevent(event, base_url, stamp))
    cal.add_missing_timezones()
    return cal
