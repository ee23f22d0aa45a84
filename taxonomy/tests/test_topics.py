"""The topic vocabulary on its own: Vietnamese slugs, clean names, the rules' data file."""

import pytest

from taxonomy.models import Topic, TopicLink, TopicRule
from taxonomy.vocabulary import load_vocabulary, sync_topic_rules

pytestmark = pytest.mark.django_db


def test_topic_slugs_are_vietnamese_readable_and_unique():
    first = Topic.objects.create(name="Dân vận khéo")
    assert first.slug == "dan-van-kheo"
    assert first.get_absolute_url() == "/chu-de/dan-van-kheo/"
    # taggit retries with a suffix when the plain slug is taken.
    assert Topic.objects.create(name="Dân vận  khéo!").slug == "dan-van-kheo-1"


def test_topic_names_are_nfc_without_control_characters():
    decomposed = "Da\u0302n va\u0323\u0302n\x0bkhe\u0301o"
    topic = Topic.objects.create(name=decomposed)
    assert "\x0b" not in topic.name
    assert topic.name.startswith("Dân vận")


def test_a_topic_nothing_public_links_to_is_not_public():
    topic = Topic.objects.create(name="Chưa dùng")
    assert not topic.is_public()
    assert not Topic.objects.public().exists()


def test_every_content_app_links_through_its_own_topic_link():
    links = {
        relation.related_model._meta.label
        for relation in Topic._meta.related_objects
        if issubclass(relation.related_model, TopicLink)
    }
    assert links == {"news.TaggedPost", "events.TaggedEvent", "docs_registry.TaggedDocument"}


def test_the_vocabulary_file_names_topics_and_their_phrases():
    vocabulary = load_vocabulary()
    assert vocabulary
    assert all(name and phrases for name, phrases in vocabulary)
    assert len({name for name, _ in vocabulary}) == len(vocabulary)


def test_sync_adds_missing_rules_and_phrases_and_keeps_editor_work():
    TopicRule.objects.create(name="Dân vận khéo", phrases="mô hình dân vận khéo")
    TopicRule.objects.create(name="Công tác tôn giáo", phrases="công tác tôn giáo", is_active=False)
    TopicRule.objects.create(name="Tọa đàm", phrases="tọa đàm")
    created, updated = sync_topic_rules(load_vocabulary())
    assert created == len(load_vocabulary()) - 2
    assert updated == 2  # the two existing rules lacked phrases; "Tọa đàm" is not in the file
    kheo = TopicRule.objects.get(name="Dân vận khéo")
    assert kheo.phrase_list() == ["mô hình dân vận khéo", "dân vận khéo"]
    assert not TopicRule.objects.get(name="Công tác tôn giáo").is_active
    assert TopicRule.objects.filter(name="Tọa đàm").exists()
    assert sync_topic_rules(load_vocabulary()) == (0, 0)
