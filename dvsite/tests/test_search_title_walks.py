"""Search's title walks read no text vector (dvsite/search.py: a title with every word is a text
with every word). Every source keeps that true, and the results are what they were."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.search import sources
from docs_registry.tests.factories import DocumentFactory
from dvsite import search
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory
from practices.tests.factories import PracticeFactory
from schedule.tests.factories import WorkWeekFactory
from voice.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    "post": PostFactory,
    "event": EventFactory,
    "document": DocumentFactory,
    "schedule": WorkWeekFactory,
    "practice": PracticeFactory,
    "question": QuestionFactory,
}


def test_every_source_has_its_title_words_in_its_text():
    assert set(FACTORIES) == set(sources())
    for kind, factory in FACTORIES.items():
        item = factory(title="Hội nghị Dân vận khéo – Quy chế 05-QC/TU")
        item.refresh_from_db()
        title_words, text_words = set(item.search_title.split()), set(item.search_text.split())
        assert title_words and title_words <= text_words, kind


def test_title_matches_then_phrase_then_newest_without_reading_texts_in_title_walks():
    phrase = PostFactory(title="Dân vận khéo ở xã Mộc Bắc", published=True)
    scattered = PostFactory(title="Khéo léo trong công tác dân vận", published=True)
    body_only = PostFactory(
        title="Hội nghị tổng kết", body="<p>Mô hình dân vận khéo.</p>", published=True
    )
    draft = PostFactory(title="Dân vận khéo (bản nháp)")
    _words, results = search.search("dân vận khéo", kinds=["post"])
    found = [hit.object for hit in results[0:10]]
    assert found == [phrase, scattered, body_only]
    assert draft not in found


def test_pages_rank_phrases_then_titles_then_newest_when_each_fills_a_page():
    # Older phrase titles, newer scattered titles, newest body-only matches: more than a page
    # of each, and newer drafts whose titles match (never shown, never holding a place).
    now = timezone.now()

    def make(title, days_ago, body="<p>Nội dung.</p>", **extra):
        return PostFactory(
            title=title, body=body, publish_at=now - timedelta(days=days_ago), **extra
        )

    phrases = [make(f"Dân vận khéo số {i}", 40 + i, published=True) for i in range(12)]
    scattered = [make(f"Khéo léo làm dân vận {i}", 20 + i, published=True) for i in range(12)]
    bodies = [
        make(f"Hội nghị {i}", 1 + i, body="<p>Dân vận khéo.</p>", published=True) for i in range(12)
    ]
    for i in range(12):
        make(f"Dân vận khéo (bản nháp) {i}", i)
    _words, results = search.search("dân vận khéo", kinds=["post"])
    expected = phrases + scattered + bodies

    assert len(results) == 36
    assert [hit.object for hit in results[0:10]] == expected[:10]
    assert [hit.object for hit in results[10:20]] == expected[10:20]
    assert [hit.object for hit in results[20:36]] == expected[20:36]
