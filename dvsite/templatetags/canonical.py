"""{% load canonical %} {% canonical_url %}: the address a page declares as its own.

The query string is dropped (filters, tracking, junk), except the page number of a list: page 2
of a list is its own page with its own items, so it declares itself (`?page=2`), never page 1.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    path = request.path if request is not None else "/"
    if context.get("canonical_path"):  # a page named by its query (the schedule's ?tuan=)
        path = context["canonical_path"]
    page = context.get("page_obj")
    number = getattr(page, "number", 1)
    if isinstance(number, int) and number > 1:
        path = f"{path}?page={number}"
    site = context.get("site") or settings.SITE_INFO
    return f"{site['base_url']}{path}"
