"""Dates written the way Vietnamese readers expect ("Thứ Năm, 06/10/2022").

Django's `vi` locale renders weekdays as "Thứ 5"; our own table gives the written form.
"""

import datetime

from django.utils import timezone

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def weekday_name(value):
    return WEEKDAYS[_local(value).weekday()]


def format_date(value):
    """ "06/10/2022" """
    if not value:
        return ""
    return _local(value).strftime("%d/%m/%Y")


def format_long_date(value):
    """ "Thứ Năm, 06/10/2022" """
    if not value:
        return ""
    value = _local(value)
    return f"{weekday_name(value)}, {format_date(value)}"


def format_datetime(value):
    """ "Thứ Tư, 20/09/2023 08:15" """
    if not value:
        return ""
    value = _local(value)
    if not isinstance(value, datetime.datetime):
        return format_long_date(value)
    return f"{format_long_date(value)} {value.strftime('%H:%M')}"
