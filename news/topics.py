"""The news side of the topic vocabulary (`taxonomy.Topic`): what the newest posts are about."""

from django.db import connections, models

from news.models import Post, TaggedPost
from taxonomy.models import Topic


def trending_topics(limit, window=200, now=None):
    """The topics most used by the `window` newest public posts, most used first.

    What people write about now, for the home page's entry points by theme. The newest
    posts come from `published()` (compiled, not restated); their tag links are joined from
    them, a few hundred index lookups: as an IN (…) PostgreSQL read all the links instead,
    and counting every public post per topic read tens of thousands on every home page.
    """
    topics = Topic.objects.all()
    recent = (
        Post.objects.published(now=now)
        .order_by("-publish_at", "-id")
        .values(post_id=models.F("pk"))[:window]
    )
    recent_sql, params = recent.query.sql_with_params()
    quote = connections[topics.db].ops.quote_name
    topic, link = quote(Topic._meta.db_table), quote(TaggedPost._meta.db_table)
    return list(
        # Only compiled ORM SQL and quoted table names are pasted in; values are params.
        topics.raw(
            f"SELECT t.id, t.name, t.slug, COUNT(*) AS uses FROM ({recent_sql}) recent "  # noqa: S608
            f"JOIN {link} l ON l.content_object_id = recent.post_id "
            f"JOIN {topic} t ON t.id = l.tag_id "
            "GROUP BY t.id, t.name, t.slug ORDER BY uses DESC, t.name LIMIT %s",
            [*params, limit],
        )
    )
