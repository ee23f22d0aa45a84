"""{% load practices_tags %}: the JSON-LD of a model's page, and the box on a post's page that
links to the models the post is about (the post template includes it without news importing
this app: `{% include "practices/includes/post_box.html" %}` reads the reverse relation)."""

from django import template

from practices import structured_data
from practices.numbers import format_figure
from seo.templatetags.seo import json_ld

register = template.Library()


@register.simple_tag
def practice_ld(practice):
    return json_ld(structured_data.project(practice))


@register.filter
def figure(value):
    """12 / 1,2 / 12.500: a result's figure the Vietnamese way."""
    return format_figure(value)


@register.simple_tag
def practices_of(post):
    """The published models a post is about (one query), for the box on the post's page."""
    related = getattr(post, "practices", None)
    if related is None:
        return []
    return list(related.published().only("title", "slug").order_by("name_key")[:5])
