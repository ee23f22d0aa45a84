"""{% load seo %} {% json_ld data %}: structured data that cannot break out of its <script>."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dvsite import seo

register = template.Library()

# The same escapes as Django's json_script: "</script>" or "<!--" in editor text stays data.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def news_article_ld(post):
    return json_ld(seo.news_article(post))


@register.simple_tag
def event_ld(event):
    return json_ld(seo.event(event))


@register.filter
def absolute_url(path):
    return seo.absolute(path)


@register.filter
def absolute_file_url(field_file):
    """The absolute URL of an image or file field, "" when it is empty."""
    return seo.absolute(field_file.url) if field_file else ""
