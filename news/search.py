"""What site-wide search offers from the news app."""

from core.search import SearchSource, leading_text
from news.models import Post

SEARCH_SOURCE = SearchSource(
    kind="post",
    label="Tin tức",
    queryset=lambda: Post.objects.published(),
    related=("category",),
    date=lambda post: post.publish_at,
    date_field="publish_at",
    text=lambda post: f"{post.summary} {leading_text(post.body)}",
)
