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
    """The published models a post is about, for the box on the post's page: first the post's
    links (by the post's index; most posts have none, and then that is all), then the published
    models among them. Asked as one join, SQLite walked every published model looking for the
    post's links (3.5 ms of a post page's 10 at 20,000 models)."""
    related = getattr(post, "practices", None)
    if related is None:
        return []
    ids = list(
        related.through.objects.filter(post_id=post.pk).values_list("practice_id", flat=True)
    )
    if not ids:
        return []
    chosen = related.model.objects.published().filter(pk__in=ids)
    return list(chosen.only("title", "slug").order_by("name_key")[:5])
