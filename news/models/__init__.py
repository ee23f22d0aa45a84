"""The news app's models, one module per concept; each imports only the modules below it:

`workflow` (WorkflowNote), `links` (TaggedPost, to taxonomy.Topic), `daily_views`
(PostDailyViews and the readers-per-day queries), `pictures` (the media library) and `posts`
(Category, Post, which use all of them and news.notifications). Nothing in this package imports
`news.models` itself, so the import graph of the app stays acyclic.
"""

from news.models.daily_views import PostDailyViews
from news.models.links import TaggedPost
from news.models.pictures import Picture
from news.models.posts import Category, Post, PostQuerySet
from news.models.workflow import WorkflowNote

__all__ = [
    "Category",
    "Picture",
    "Post",
    "PostDailyViews",
    "PostQuerySet",
    "TaggedPost",
    "WorkflowNote",
]
