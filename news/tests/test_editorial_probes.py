"""The probes of the back office: tags that fit Vietnamese, topics with no public item,
and content locked once submitted for review (server-side, crafted POSTs included)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.publishing import Status
from core.tags import edit_string_for_tags, parse_tags
from news.models import Post
from news.tests.factories import PostFactory
from taxonomy.models import Topic

from .test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db


# -- tags ---------------------------------------------------------------------------------------


def test_a_space_never_splits_a_tag_a_comma_does():
    assert parse_tags("Dân vận khéo") == ["Dân vận khéo"]
    assert parse_tags("Dân vận khéo,  Quy chế   dân chủ ở cơ sở ; dân vận khéo,,") == [
        "Dân vận khéo",
        "Quy chế dân chủ ở cơ sở",
    ]
    assert parse_tags("") == []


def test_the_form_stores_multi_word_topics_whole(client, editor):
    login(client, editor).post(
        reverse("admin:news_post_add"), form_data(tags="Dân vận khéo, Chuyển đổi số")
    )
    post = Post.objects.get()
    assert sorted(t.name for t in post.tags.all()) == ["Chuyển đổi số", "Dân vận khéo"]
    assert not Topic.objects.filter(name__in=["Dân", "vận", "khéo"]).exists()
    assert edit_string_for_tags(post.tags.all()) == "Chuyển đổi số, Dân vận khéo"


def test_who_may_not_add_topics_picks_existing_ones_only(client, editor):
    Topic.objects.create(name="Dân vận khéo")
    editor.groups.get().permissions.remove(Permission.objects.get(codename="add_topic"))
    response = login(client, editor).post(
        reverse("admin:news_post_add"), form_data(tags="dân vận khéo, Chủ đề tự đặt")
    )
    assert response.status_code == 200
    assert "Chưa có chủ đề: “Chủ đề tự đặt”" in response.content.decode()
    assert not Post.objects.exists()
    assert not Topic.objects.filter(name="Chủ đề tự đặt").exists()
    client.post(reverse("admin:news_post_add"), form_data(tags="dân vận khéo"))
    assert [t.name for t in Post.objects.get().tags.all()] == ["Dân vận khéo"]


def test_topic_suggestions_match_without_accents(client, editor):
    for name in ("Dân vận khéo", "Dân chủ ở cơ sở", "Chuyển đổi số"):
        Topic.objects.create(name=name)
    url = reverse("admin:taxonomy_topic_suggest")
    answer = login(client, editor).get(url, {"q": "dan van"}).json()
    assert answer["results"] == ["Dân vận khéo"]
    assert client.get(url, {"q": "dân"}).json()["results"] == ["Dân chủ ở cơ sở", "Dân vận khéo"]
    client.logout()
    assert client.get(url, {"q": "dan"}).status_code == 302  # login first


# -- topics with no public item -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "rss/", "atom/"])
def test_a_topic_used_only_by_drafts_has_no_public_page_or_feed(client, suffix):
    PostFactory(status=Status.DRAFT, publish_at=None, tags=["Chỉ bản nháp"])
    PostFactory(published=True, tags=["Dân vận khéo"])
    draft_only = Topic.objects.get(name="Chỉ bản nháp")
    public = Topic.objects.get(name="Dân vận khéo")
    assert client.get(f"{draft_only.get_absolute_url()}{suffix}").status_code == 404
    assert client.get(f"{public.get_absolute_url()}{suffix}").status_code == 200


def test_a_topic_with_only_a_public_event_or_document_keeps_its_page(client):
    from docs_registry.tests.factories import DocumentFactory
    from events.tests.factories import EventFactory

    EventFactory().tags.add("Sự kiện công khai")
    DocumentFactory(is_internal=True).tags.add("Văn bản nội bộ")
    assert list(Topic.objects.public().values_list("name", flat=True)) == ["Sự kiện công khai"]
    page = Topic.objects.get(name="Văn bản nội bộ").get_absolute_url()
    assert client.get(page).status_code == 404


# -- locked once submitted ----------------------------------------------------------------------


def test_a_submitted_post_is_locked_for_its_author_until_sent_back(client, editor, publisher):
    post = PostFactory(title="Bài gửi duyệt", status=Status.DRAFT, publish_at=None)
    post.created_by = editor
    post.save()
    post.submit(editor)
    login(client, editor)
    response = client.post(change_url(post), form_data(post, title="Sửa sau khi gửi"))
    assert response.status_code == 403
    page = client.get(change_url(post)).content.decode()
    assert 'name="title"' not in page  # read-only
    post.refresh_from_db()
    assert post.title == "Bài gửi duyệt"

    post.send_back(publisher, comment="Thiếu nguồn ảnh.")
    post.refresh_from_db()
    assert post.state_label == "Trả lại"
    assert "Thiếu nguồn ảnh." in client.get(change_url(post)).content.decode()
    client.post(change_url(post), form_data(post, title="Đã sửa"))
    post.refresh_from_db()
    assert (post.title, post.state_label) == ("Đã sửa", "Trả lại")
    post.submit(editor)
    assert post.state_label == "Chờ duyệt" and not post.sent_back


def test_the_author_withdraws_a_submitted_post_to_fix_it(client, editor):
    post = PostFactory(title="Bài gửi nhầm", status=Status.DRAFT, publish_at=None)
    post.submit(editor)
    login(client, editor)
    assert "_workflow_withdraw" in client.get(change_url(post)).content.decode()
    client.post(change_url(post), {"_workflow_withdraw": "1"})
    post.refresh_from_db()
    assert post.status == Status.DRAFT
    assert post.workflow_notes.first().action == "withdraw"
    client.post(change_url(post), form_data(post, title="Bài đã sửa"))
    post.refresh_from_db()
    assert post.title == "Bài đã sửa"


def test_editors_bulk_actions_cannot_publish_or_touch_locked_items(client, editor):
    post = PostFactory(status=Status.DRAFT, publish_at=None)
    post.submit(editor)
    login(client, editor)
    changelist = reverse("admin:news_post_changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [post.pk]})
    client.post(changelist, {"action": "delete_selected", "_selected_action": [post.pk]})
    response = client.post(reverse("admin:news_post_delete", args=[post.pk]), {"post": "yes"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.status == Status.REVIEW
