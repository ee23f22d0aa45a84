"""Which public pages the benchmark measures, and how they are measured in-process."""

import statistics
import time

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from bench.http_client import median_and_p95

# Targets (in-process, uncached, SQLite at 10k posts / 5k documents / 2k events):
# kind -> (median ms, p95 ms); None = no target. PostgreSQL: within 1.5x of SQLite.
TARGETS = {
    "home": (10, None),
    "list": (8, None),
    "detail": (5, None),
    "registry": (20, None),
    "search": (None, 60),
}
# The floor: the cheapest page through the same stack (middleware, URL resolving, no template).
FLOOR = ("floor: /robots.txt", "floor", "/robots.txt")
MAX_QUERIES = 10
# The last two find nothing as typed: the page suggests the site's own words (dvsite/suggest.py).
SEARCHES = [
    "dân vận khéo",
    "quy chế dân chủ",
    "tập huấn",
    "23-QĐ/TW",
    "tôn giáo Kim Bảng",
    "dan van keo",
    "danvankheo",
]


def public_pages():
    """[(name, kind, url)] over the current database: one of each public page."""
    from docs_registry.models import Document
    from news.models import Post
    from taxonomy.models import Topic
    from voice.models import Question

    posts = Post.objects.published().order_by("-publish_at")
    post = posts[posts.count() // 2]
    topic = Topic.objects.annotate(n=Count("tagged_posts")).order_by("-n", "name").first()
    today = timezone.localdate()
    # A filter combination that has results: the year, type and issuer of a public document.
    doc = Document.objects.public().select_related("doc_type", "issuer").newest_first()[10]
    filtered = (
        f"{reverse('docs_registry:list')}?year={doc.issue_year}&type={doc.doc_type.slug}"
        f"&issuer={doc.issuer.slug}&q=dan+van"
    )
    pages = [
        ("home", "home", reverse("home")),
        ("news list", "list", reverse("news:list")),
        ("news list p.50", "list", reverse("news:list") + "?page=50"),
        ("post", "detail", post.get_absolute_url()),
        ("tag", "list", topic.get_absolute_url()),
        ("calendar month", "list", reverse("events:calendar", args=[today.year, today.month])),
        ("registry", "registry", reverse("docs_registry:list")),
        ("registry filtered", "registry", filtered),
        # The "Dân vận khéo" catalogue (20,000 models by default): the registry's budget.
        ("practices", "registry", reverse("practices:list")),
        ("practices filtered", "registry", f"{reverse('practices:list')}?nam=2024&cap=xa"),
        ("Q&A list", "list", reverse("voice:list")),
    ]
    question = Question.objects.published().order_by("-answered_at").first()
    if question is not None:
        pages.append(("question", "detail", question.get_absolute_url()))
    for query in SEARCHES:
        pages.append((f"search: {query}", "search", f"{reverse('search')}?q={query}"))
    return [FLOOR, *pages]


def measure(url, requests=30):
    """Queries per request and server times (ms) of `url`, uncached, via the test client."""
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _ in range(2):  # warm up templates, URL resolvers, connections
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        statements = [query["sql"] for query in captured.captured_queries]
        times, cpu_times = [], []
        for _ in range(requests):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
    median, p95 = median_and_p95(times)
    return {
        "queries": len(statements),
        "median_ms": median,
        "p95_ms": p95,
        # CPU time of this process (Python, template, ORM, SQLite in-process): less sensitive
        # than wall time to other programs on a shared machine; PostgreSQL's work is not in it.
        "cpu_ms": round(statistics.median(cpu_times), 2),
        "bytes": len(response.content),
        "sql": statements,
    }


def measure_after_publication(url, requests=10):
    """Median server time (ms) of the first render of `url` after each publication of a post,
    page cache off: what readers get while editors work. The save (not timed) ends the
    generation of the news, so the shared parts showing posts are computed again; those of
    other kinds (events, documents) stay."""
    from news.models import Post

    post = Post.objects.published().order_by("-publish_at").first()
    client = Client()
    times = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(url)
        for _ in range(requests):
            post.save()
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def meets_targets(kind, result):
    median_target, p95_target = TARGETS.get(kind, (None, None))
    ok = result["queries"] <= MAX_QUERIES
    if median_target is not None:
        ok = ok and result["median_ms"] <= median_target
    if p95_target is not None:
        ok = ok and result["p95_ms"] <= p95_target
    return ok


def explain(sql_statements):
    """EXPLAIN ANALYZE of each captured statement (PostgreSQL), as text."""
    plans = []
    with connection.cursor() as cursor:
        for sql in sql_statements:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
            plans.append(sql + "\n" + "\n".join(row[0] for row in cursor.fetchall()))
    return plans
