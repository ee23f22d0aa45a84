"""Every public page runs the same small number of queries whatever the amount of content."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.text import words
from docs_registry.models import Document
from news.models import Post
from taxonomy.models import Topic
from tools import synthetic

MAX_QUERIES = 10


def _url(page):
    """The URL of `page` over the current content (the same choice at any size)."""
    if page == "post":
        return Post.objects.published().order_by("publish_at", "pk").first().get_absolute_url()
    if page == "tag":
        return Topic.objects.annotate(n=Count("tagged_posts")).order_by("-n", "name")[0]
    if page == "category":
        post = Post.objects.published().exclude(category=None).first()
        return post.category.get_absolute_url()
    if page == "registry filtered":
        doc = Document.objects.public().select_related("doc_type", "issuer").first()
        return (
            f"{reverse('docs_registry:list')}?year={doc.issue_year}&type={doc.doc_type.slug}"
            f"&issuer={doc.issuer.slug}&q={words(doc.title)[0]}"
        )
    if page == "document":
        return Document.objects.public().first().get_absolute_url()
    today = timezone.localdate()
    return {
        "home": reverse("home"),
        "news list": reverse("news:list"),
        "news list, page 2": reverse("news:list") + "?page=2",
        "events": reverse("events:list"),
        "calendar month": reverse("events:calendar", args=[today.year, today.month]),
        "registry": reverse("docs_registry:list"),
        "search": reverse("search") + "?q=dân vận khéo",
        "search, documents": reverse("search") + "?q=quy chế&kind=document",
        "sitemap": "/sitemap-tin-tuc.xml",
        "rss": "/tin-tuc/rss/",
    }[page]


def _queries(client, page):
    url = _url(page)
    if isinstance(url, Topic):
        url = url.get_absolute_url()
    client.get(url)  # warm up per-process caches (content types, site settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "home",
        "news list",
        "news list, page 2",
        "post",
        "tag",
        "category",
        "events",
        "calendar month",
        "registry",
        "registry filtered",
        "document",
        "search",
        "search, documents",
        "sitemap",
        "rss",
    ],
)
def test_public_page_queries_are_few_and_do_not_grow_with_content(client, page):
    synthetic.generate(synthetic.Sizes(posts=40, documents=20, events=15), seed=1)
    small = _queries(client, page)
    synthetic.generate(synthetic.Sizes(posts=400, documents=200, events=150), seed=2)
    large = _queries(client, page)
    assert small == large
    assert large <= MAX_QUERIES
