"""Search's title walks read no text vector (dvsite/search.py: a title with every word is a text
with every word). Every source keeps that true, and the results are what they were."""

import pytest

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
