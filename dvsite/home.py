"""What the home page shows, each list from its app's public queryset, in a fixed number of queries."""

from core.publishing import pk_in_any
from docs_registry.models import Document
from events.models import Event
from news.models import Post
from news.readership import most_read
from news.topics import trending_topics

LATEST = 7
UPCOMING = 5
DOCUMENTS = 5
TOPICS = 12


def front_page_posts(now=None):
    """(lead, latest) from one query: the lead story (the newest featured post, else the
    newest post) and the newest others. It fetches the rows whose id is the newest featured one
    or among the newest, so each list is the top of the fetched rows in its own order."""
    public = Post.objects.published(now=now).values("pk")
    newest = public.order_by("-publish_at", "-id")
    chosen = pk_in_any(newest.filter(is_featured=True)[:1], newest[: LATEST + 1])
    posts = list(Post.objects.filter(chosen).for_listing().order_by("-publish_at", "-id"))
    lead = next((post for post in posts if post.is_featured), posts[0] if posts else None)
    latest = [post for post in posts[: LATEST + 1] if post != lead][:LATEST]
    return lead, latest


def _posts(now=None):
    lead, latest = front_page_posts(now=now)
    return {
        "lead": lead,
        "latest": latest,
        # "Xem nhiều nhất", the list every news page shows (its ranking kept by time).
        "most_read": most_read(),
        # Topic tags of the newest public posts, the most used first: entry points by theme.
        "topics": trending_topics(TOPICS, now=now),
    }


def _events(now=None):
    return {"upcoming": list(Event.objects.upcoming(now=now).first_rows(UPCOMING))}


def _documents(now=None):
    return {
        "documents": list(
            Document.objects.public(now=now)
            .newest_first()
            .first_rows(DOCUMENTS)
            .with_validity()
            .select_related("doc_type", "issuer")
        )
    }


# The home page's parts: (name, the kinds of content it shows, what computes it). Each is kept
# apart (dvsite/views.py), so publishing a post does not recompute the events or documents.
PARTS = [
    ("posts", {"news"}, _posts),
    ("events", {"events"}, _events),
    ("documents", {"docs_registry"}, _documents),
]
