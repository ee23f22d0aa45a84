"""{% load citations %}{% related_documents post as documents %}: the public documents a post
cites, with their validity ("Văn bản liên quan" on the post page). One query."""

from django import template

from docs_registry.models import Document

register = template.Library()


@register.simple_tag
def related_documents(post):
    return list(
        Document.objects.public()
        .filter(posts=post)
        .with_validity()
        .select_related("doc_type", "issuer")
        .newest_first()
    )
