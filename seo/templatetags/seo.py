"""{% load seo %} {% json_ld data %}: structured data that cannot break out of its <script>."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from seo import structured_data

register = template.Library()

# The same escapes as Django's json_script: "</script>" or "<!--" in editor text stays data.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def news_article_ld(post):
    return json_ld(structured_data.news_article(post))


@register.simple_tag
def event_ld(event):
    return json_ld(structured_data.event(event))


@register.filter
def absolute_url(path):
    return structured_data.absolute(path)


@register.filter
def absolute_file_url(field_file):
    """The absolute URL of an image or file field, "" when it is empty."""
    return structured_data.absolute(field_file.url) if field_file else ""


@register.simple_tag
def legislation_ld(document):
    return json_ld(structured_data.legislation(document))


@register.simple_tag
def website_ld():
    return json_ld(structured_data.website())


@register.filter
def html_datetime(value):
    """The one machine-readable date of <time datetime>: seconds, no fraction (valid HTML)."""
    return structured_data.html_datetime(value)


@register.simple_tag
def default_share_image():
    return structured_data.absolute(static(structured_data.DEFAULT_IMAGE))


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The output was escaped while rendering; stored whole, whitespace trimmed.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render once, use as {{ name }} (page title)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture name %} takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
