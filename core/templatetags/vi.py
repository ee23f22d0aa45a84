"""Template filters for Vietnamese dates: {% load vi %} then {{ post.publish_at|vi_long_date }}."""

from django import template

from core import dates

register = template.Library()

register.filter("vi_date", dates.format_date)
register.filter("vi_long_date", dates.format_long_date)
register.filter("vi_datetime", dates.format_datetime)
register.filter("vi_weekday", dates.weekday_name)
