"""{% load history_vi %}: the revision history pages in Vietnamese (see core.history_diff)."""

from django import template

from core.history_diff import HISTORY_TYPES

register = template.Library()


@register.filter
def history_type_label(record):
    return HISTORY_TYPES.get(record.history_type, record.history_type)


@register.filter
def status_label(record):
    display = getattr(record, "get_status_display", None)
    return display() if display else ""
