"""The publishing base, checked on each of the three content models."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.publishing import Status
from docs_registry.tests.factories import DocumentFactory
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory

NOW = timezone.now()
FACTORIES = [PostFactory, EventFactory, DocumentFactory]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_published_is_the_visibility_grid(factory):
    model = factory._meta.model
    past = factory(status=Status.PUBLISHED, publish_at=NOW - datetime.timedelta(minutes=1))
    at_boundary = factory(status=Status.PUBLISHED, publish_at=NOW)
    future = factory(status=Status.PUBLISHED, publish_at=NOW + datetime.timedelta(minutes=1))
    draft_past = factory(status=Status.DRAFT, publish_at=NOW - datetime.timedelta(days=1))
    in_review = factory(status=Status.REVIEW, publish_at=NOW - datetime.timedelta(days=1))
    archived = factory(status=Status.ARCHIVED, publish_at=NOW - datetime.timedelta(days=1))

    visible = set(model.objects.published(now=NOW))

    assert past in visible and at_boundary in visible
    assert not visible & {future, draft_past, in_review, archived}
    assert future in set(model.objects.published(now=NOW + datetime.timedelta(minutes=1)))


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_nfd_input_is_stored_as_nfc(factory):
    nfd_title = unicodedata.normalize("NFD", "Quy chế dân chủ ở cơ sở")
    item = factory(title=nfd_title)
    item.refresh_from_db()
    assert item.title == unicodedata.normalize("NFC", nfd_title)
    assert item.title != nfd_title


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_only_publishers_publish(factory, editor, publisher):
    item = factory(status=Status.DRAFT, publish_at=None)
    with pytest.raises(PermissionDenied):
        item.publish(editor)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    item.publish(publisher)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.status_changed_by == publisher
    assert item.publish_at <= timezone.now()
