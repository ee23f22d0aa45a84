"""{% load pictures %}{{ post.body|with_renditions }}: library pictures in rich text get
`srcset`/`sizes` like lead photos (news.models.pictures.with_renditions; one query when any)."""

from django import template

from news.models.pictures import with_renditions

register = template.Library()
register.filter("with_renditions", with_renditions)
