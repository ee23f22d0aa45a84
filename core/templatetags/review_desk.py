"""{% load review_desk %}{% review_desk as desk %}: the admin home's review desk."""

from django import template

from core.review_desk import desk_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_desk(context):
    return desk_for(context["request"].user)
