"""One record of content changes: the item's history. A revision's own entries (started,
edited, submitted) join the live post's history when it is approved; none is left behind."""

import pytest

from news.models import Post
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_an_approved_revision_leaves_its_whole_story_in_the_live_posts_history(editor, publisher):
    live = PostFactory(title="Hội nghị dân vận khéo", body="<p>Có 19 điểm cầu.</p>")
    live.publish(publisher)
    before = live.history.count()
    revision = live.start_revision(editor)
    revision.body = "<p>Có 91 điểm cầu.</p>"
    revision.save()
    revision.submit(editor)
    revision_pk = revision.pk
    revision_entries = Post.history.filter(id=revision_pk).count()
    assert revision_entries >= 3  # started, edited, submitted

    revision.publish(publisher)

    assert not Post.history.filter(id=revision_pk).exists()
    reasons = [entry.history_change_reason for entry in live.history.all()]
    assert reasons[0] == "Duyệt bản sửa"
    assert "Bắt đầu bản sửa của bài đang công khai" in reasons
    # Every entry of the working copy is kept, and its removal is not recorded as a change.
    assert live.history.count() == before + revision_entries + 1
    assert not live.history.filter(history_type="-").exists()
    # The editor's draft, before the publisher approved it, is one of them.
    drafts = live.history.filter(status="draft")
    assert any("91 điểm cầu" in entry.body for entry in drafts)
