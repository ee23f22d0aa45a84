"""{% load news_tags %} then {% post_picture post "card" %}: a responsive <picture> with srcset."""

from django import template

register = template.Library()

# `sizes` for each place a featured image appears.
SIZES = {
    "card": "(min-width: 960px) 300px, (min-width: 600px) 45vw, 100vw",
    "article": "(min-width: 960px) 760px, 100vw",
    "thumb": "120px",
}


@register.inclusion_tag("news/includes/picture.html")
def post_picture(post, place="card", loading="lazy"):
    return {
        "post": post,
        "sets": post.image_srcsets() if post.image else None,
        "sizes": SIZES.get(place, SIZES["card"]),
        "loading": loading,
    }
