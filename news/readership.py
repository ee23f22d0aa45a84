"""The "Xem nhiều nhất" list of the news pages and the home page, kept per fragment time.

Who read which post on which day is `news.models.daily_views` (`PostDailyViews`); this module
chooses and caches the list shown.
"""

from core import fragments
from news.models import Post, PostQuerySet

MOST_READ = 5


def most_read(exclude=None, limit=MOST_READ):
    """The "Xem nhiều nhất" list of the news pages and the home page; on a post's page without
    that post (one more is kept for it).

    The ranking changes with every reader, never with a publication, so it is kept for the
    fragment time (`FRAGMENT_CACHE_SECONDS`) whatever is published: ranking every public post
    by its readers was the costliest part of the first page rendered after a publication. The
    rows shown are read again after every change of the news, so an edited title shows, and a
    withdrawn post leaves the list, at once.
    """
    just_ranked = []

    def rank():
        just_ranked[:] = Post.objects.most_read(limit + 1)
        return [post.pk for post in just_ranked]

    ranked = fragments.cached("news:most_read:ranking", rank, kinds=())
    shown = fragments.cached(
        "news:most_read:" + ",".join(map(str, ranked)),
        # The rows just ranked if they were, else read again.
        lambda: (
            just_ranked or Post.objects.published().only(*PostQuerySet.LINK_FIELDS).in_order(ranked)
        ),
        kinds={"news"},
    )
    return [post for post in shown if exclude is None or post.pk != exclude.pk][:limit]
