"""Article -> Post: a published post with tags; idempotent; an editor's changes are kept."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from news.importing.decoding import decode_bytes
from news.importing.loading import (
    CREATED,
    KEPT,
    UNCHANGED,
    UPDATED,
    post_fingerprint,
    render_body,
    save_post,
)
from news.importing.parsing import CAPTION, PARAGRAPH, Block, parse_article
from news.models import Post
from taxonomy.models import TopicRule
from taxonomy.vocabulary import load_vocabulary, sync_topic_rules

pytestmark = pytest.mark.django_db
SEEDS = Path(settings.BASE_DIR) / "seeds"


@pytest.fixture
def vocabulary():
    sync_topic_rules(load_vocabulary())


def seed(prefix):
    return parse_article(decode_bytes(next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()))


def test_render_body_escapes_text_and_leaves_captions_without_pictures_out():
    # Changed: a caption was rendered as a <figure> holding a caption and no picture.
    html = render_body([Block(PARAGRAPH, "A <b> & B"), Block(CAPTION, "Ảnh hội nghị")])
    assert html == "<p>A &lt;b&gt; &amp; B</p>"


def test_an_imported_article_becomes_a_public_post(vocabulary):
    result = save_post(seed("004"), key="seeds/004.txt")
    post = Post.objects.get(import_key="seeds/004.txt")
    assert result.status == CREATED
    assert post.title == "Bồi dưỡng nghiệp vụ công tác dân vận năm 2020"
    assert timezone.localtime(post.publish_at).date() == datetime.date(2020, 9, 17)
    assert post in Post.objects.published()
    assert post.byline == "Quỳnh Anh"
    assert post.category.name == "Tin tức – Sự kiện"
    assert post.created_by is None
    assert post.summary.startswith("Sáng 17/9/2020")
    assert post.body.startswith("<p>Tham dự hội nghị")
    assert "Tin cùng chuyên mục" not in post.body
    assert {"Dân vận khéo", "Quy chế dân chủ"} <= set(post.tags.names())
    assert result.tags["Dân vận khéo"] == CREATED
    assert post.history.count() == 1
    note = post.workflow_notes.get()
    assert (note.action, note.user) == ("publish", None)
    assert "seeds/004.txt" in note.comment


def test_view_count_from_the_date_line_is_the_sources_not_ours(vocabulary):
    # Changed by issue 15: the source's "4050" views were stored as this site's view counter.
    post = save_post(seed("002"), key="002").post
    post.refresh_from_db()
    assert (post.view_count, post.source_view_count) == (0, 4050)
    assert "Lượt xem tại trang nguồn: 4050" in post.import_warnings


def test_a_caption_whose_picture_was_not_copied_waits_for_the_editor(vocabulary):
    # Changed: it was stored as an empty <figure> with only its caption.
    post = save_post(seed("001"), key="001").post
    assert "<figure" not in post.body and "Tại điểm cầu Huyện Lý Nhân" not in post.body
    assert ".png" not in post.body
    assert "Tại điểm cầu Huyện Lý Nhân" in post.import_warnings


def test_importing_twice_changes_nothing(vocabulary):
    first = save_post(seed("003"), key="003").post
    second = save_post(seed("003"), key="003")
    assert second.status == UNCHANGED
    assert set(second.tags.values()) == {UNCHANGED}
    assert Post.objects.count() == 1
    assert Post.objects.get().updated_at == first.updated_at
    assert first.history.count() == 1


def test_a_post_edited_in_the_admin_is_kept_unless_forced(vocabulary, publisher):
    post = save_post(seed("000"), key="000").post
    post.title = "Tiêu đề biên tập viên đã sửa"
    post.updated_by = publisher
    post.save()

    assert save_post(seed("000"), key="000").status == KEPT
    post.refresh_from_db()
    assert post.title == "Tiêu đề biên tập viên đã sửa"

    assert save_post(seed("000"), key="000", force=True).status == UPDATED
    post.refresh_from_db()
    assert post.title.startswith("Đảng ủy Khối các cơ quan Trung ương tập huấn")
    assert save_post(seed("000"), key="000").status == UNCHANGED


def test_retagging_or_unpublishing_counts_as_an_edit(vocabulary, publisher):
    post = save_post(seed("003"), key="003").post
    post.tags.add("Tin địa phương")
    assert post_fingerprint(post) != post.import_checksum
    assert save_post(seed("003"), key="003").status == KEPT

    taken_down = save_post(seed("004"), key="004").post
    taken_down.unpublish(publisher)
    assert save_post(seed("004"), key="004").status == KEPT
    assert taken_down not in Post.objects.published()


def test_a_changed_source_updates_an_unedited_post(vocabulary):
    save_post(seed("003"), key="003")
    article = seed("003")
    changed = type(article)(**{**article.__dict__, "byline": "Hoàng Phúc - Minh Anh"})
    result = save_post(changed, key="003")
    assert result.status == UPDATED
    assert result.post.byline == "Hoàng Phúc - Minh Anh"
    assert result.post.history.count() == 2


def test_editor_rules_drive_the_tags(vocabulary):
    TopicRule.objects.filter(name="Quy chế dân chủ").update(is_active=False)
    TopicRule.objects.create(name="Hà Nội", phrases="Thành ủy Hà Nội")
    tags = set(save_post(seed("003"), key="003").post.tags.names())
    assert "Hà Nội" in tags
    assert "Quy chế dân chủ" not in tags
