"""make_synthetic_content: rows as save() would have made them, links between them, safe defaults."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from core.publishing import Status
from docs_registry.models import Document
from dvsite import search
from events import calendar
from events.models import Event
from news.models import Post, TaggedPost
from tools import synthetic


def _fill(**sizes):
    call_command(
        "make_synthetic_content",
        posts=sizes.get("posts", 60),
        documents=sizes.get("documents", 30),
        events=sizes.get("events", 20),
        seed=sizes.get("seed", 1),
        force=True,
        verbosity=0,
    )


@pytest.mark.django_db
def test_refuses_on_a_production_setup_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("make_synthetic_content", posts=1, documents=1, events=1)
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_fills_every_kind_with_links_and_a_share_of_non_public_rows():
    _fill(posts=200, documents=80, events=40)
    assert (Post.objects.count(), Document.objects.count(), Event.objects.count()) == (200, 80, 40)
    assert 0 < Post.objects.published().count() < 200
    assert Post.objects.filter(status=Status.DRAFT).exists()
    assert Document.objects.filter(is_internal=True).exists()
    assert TaggedPost.objects.values("content_object").distinct().count() == 200
    assert Document.posts.through.objects.exists()
    assert Event.posts.through.objects.exists()
    assert Post.objects.exclude(title__icontains="dân vận").exists()  # varied, not one title


@pytest.mark.django_db
def test_rows_hold_what_save_would_have_computed(monkeypatch):
    monkeypatch.setattr(synthetic, "POOL_SIZE", 10)  # later rows reuse the first ten texts
    _fill()
    for model in (Post, Event, Document):
        for obj in [*model.objects.order_by("pk")[:8], *model.objects.order_by("-pk")[:8]]:
            stored = (obj.slug, obj.search_title, obj.search_text)
            obj.save()
            obj.refresh_from_db()
            assert (obj.slug, obj.search_title, obj.search_text) == stored, obj
    assert not Event.objects.exclude(end_date__gte=F("start_date")).exists()


@pytest.mark.django_db
def test_second_run_adds_more_rows_with_unique_slugs_and_search_finds_them():
    _fill(seed=1)
    _fill(seed=1)
    assert Post.objects.count() == 120
    assert Post.objects.values("slug").distinct().count() == 120
    _words, results = search.search("dân vận")
    assert results.count() > 0


@pytest.mark.django_db
def test_large_sizes_are_made_in_rounds_with_their_share_of_each_kind(monkeypatch):
    monkeypatch.setattr(synthetic, "ROUND", 40)
    seen = []
    counts = synthetic.generate(
        synthetic.Sizes(posts=100, documents=50, events=20, questions=10),
        seed=3,
        progress=seen.append,
    )
    assert counts == {"posts": 100, "documents": 50, "events": 20, "questions": 10}
    assert [c["posts"] for c in seen] == [34, 67, 100]  # three rounds of at most 40
    assert Post.objects.values("slug").distinct().count() == 100
    # every round links its own rows: each post is tagged, citations and reports exist
    assert TaggedPost.objects.values("content_object").distinct().count() == 100
    assert Document.posts.through.objects.exists() and Event.posts.through.objects.exists()


def test_events_spread_over_more_days_as_they_grow():
    today = datetime.date(2026, 12, 6)
    first, span = synthetic.event_window(2_000, today)
    assert first == today - datetime.timedelta(days=3 * 365) and span == 3 * 365 + 180
    first, span = synthetic.event_window(200_000, today)
    assert 200_000 / span <= synthetic.EVENTS_PER_DAY  # about 60 a month, not 5,000
    assert first.year > calendar.MIN_YEAR
    assert (first + datetime.timedelta(days=span + 2)).year <= calendar.MAX_YEAR
