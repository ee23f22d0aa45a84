"""What site-wide search offers from the news app."""

from django.utils.html import strip_tags

from core.search import SearchSource
from news.models import Post

SEARCH_SOURCE = SearchSource(
    kind="post",
    label="Tin tức",
    queryset=lambda: Post.objects.published(),
    related=("category",),
    date=lambda post: post.publish_at,
    date_field="publish_at",
    text=lambda post: f"{post.summary} {strip_tags(post.body)}",
)
