"""The permission matrix through the admin: forms, buttons, bulk actions and crafted POSTs."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from news.models import Post
from news.tests.factories import CategoryFactory, PostFactory

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def form_data(post=None, **overrides):
    category = post.category if post else CategoryFactory(name="Dân vận khéo")
    data = {
        "title": post.title if post else "Hội nghị trực tuyến với 91 điểm cầu",
        "slug": "",
        "summary": "Sáng 6/1/2022, Tỉnh ủy tổ chức hội nghị.",
        "body": "<p>Nội dung</p>",
        "image_alt": "",
        "image_caption": "",
        "byline": "Quỳnh Anh",
        "source_name": "dukcqtw.dcs.vn",
        "source_url": "",
        "category": category.pk if category else "",
        "tags": "Dân vận khéo, Quy chế dân chủ ở cơ sở",
    }
    if post is not None:
        data["slug"] = post.slug
    data.update(overrides)
    return data


def add_url():
    return reverse("admin:news_post_add")


def change_url(post):
    return reverse("admin:news_post_change", args=[post.pk])


def changelist_url():
    return reverse("admin:news_post_changelist")


# -- the form ---------------------------------------------------------------------------------


def test_admin_requires_login(client):
    response = client.get(add_url())
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_add_form_renders_the_prose_editor_with_its_own_assets(client, editor):
    response = login(client, editor).get(add_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "django_prose_editor/" in html  # assets shipped with the package
    assert "prose-editor" in html
    assert "https://cdn" not in html


def test_editor_writes_a_draft_and_tags_get_vietnamese_slugs(client, editor):
    response = login(client, editor).post(add_url(), form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    assert post.status == Status.DRAFT
    assert post.created_by == editor
    assert post.slug == "hoi-nghi-truc-tuyen-voi-91-diem-cau"
    assert sorted(post.tags.values_list("slug", flat=True)) == [
        "dan-van-kheo",
        "quy-che-dan-chu-o-co-so",
    ]


def test_save_and_submit_from_the_add_form(client, editor):
    response = login(client, editor).post(add_url(), form_data(_workflow_submit="Lưu và gửi duyệt"))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(post)
    assert post.status == Status.REVIEW
    assert post.workflow_notes.get().user == editor


def test_hostile_html_posted_through_the_admin_is_sanitised(client, editor):
    body = '<p style="x" onmouseover="a()">Chào</p><script>alert(1)</script><a href="javascript:x()">l</a>'
    login(client, editor).post(add_url(), form_data(body=body))
    stored = Post.objects.get().body
    assert "<script" not in stored and "onmouseover" not in stored and "style" not in stored
    assert "javascript:" not in stored
    assert "Chào" in stored


@pytest.mark.parametrize(
    "crafted",
    [
        {"status": "published"},
        {"publish_at_0": "01/01/2020", "publish_at_1": "08:00"},
        {"publish_at": "2020-01-01 08:00"},
    ],
    ids=["status", "publish_at-split", "publish_at"],
)
def test_editor_crafted_post_with_status_or_publish_at_is_refused(client, editor, crafted):
    login(client, editor)
    response = client.post(add_url(), form_data(**crafted))
    assert response.status_code == 403
    assert not Post.objects.exists()

    draft = PostFactory(created_by=editor)
    response = client.post(change_url(draft), form_data(draft, **crafted))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.publish_at is None


def test_editor_publish_button_is_refused_and_nothing_is_saved(client, editor):
    draft = PostFactory(created_by=editor, title="Bản cũ")
    response = login(client, editor).post(
        change_url(draft), form_data(draft, title="Bản mới", _workflow_publish="Xuất bản")
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (Status.DRAFT, "Bản cũ")


def test_editor_sees_only_the_submit_button_and_submitting_mails_publishers(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    draft = PostFactory(created_by=editor)
    login(client, editor)
    html = client.get(change_url(draft)).content.decode()
    assert 'name="_workflow_submit"' in html
    assert "_workflow_publish" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(draft), form_data(draft, _workflow_submit="Gửi duyệt"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert [m.to for m in mail.outbox] == [[publisher.email]]


def test_editor_cannot_edit_or_delete_a_published_post(client, editor, publisher):
    post = PostFactory(created_by=editor, published=True, title="Đã đăng")
    login(client, editor)
    response = client.get(change_url(post))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False  # read-only view
    response = client.post(change_url(post), form_data(post, title="Sửa lén"))
    assert response.status_code == 403
    response = client.post(reverse("admin:news_post_delete", args=[post.pk]), {"post": "yes"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Đã đăng"


def test_editor_deletes_own_draft(client, editor):
    draft = PostFactory(created_by=editor)
    response = login(client, editor).post(
        reverse("admin:news_post_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Post.objects.exists()


def test_publisher_schedules_with_publish_at_and_the_button(client, editor, publisher):
    draft = PostFactory(created_by=editor)
    draft.submit(editor)
    at = timezone.localtime() + datetime.timedelta(days=2)
    response = login(client, publisher).post(
        change_url(draft),
        form_data(
            draft,
            publish_at_0=at.strftime("%d/%m/%Y"),
            publish_at_1=at.strftime("%H:%M:%S"),
            _workflow_publish="Xuất bản",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.is_scheduled
    assert draft.status_changed_by == publisher
    assert not Post.objects.published().exists()
    assert Post.objects.published(now=at + datetime.timedelta(seconds=1)).get() == draft


def test_publisher_sends_back_with_a_comment(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    draft = PostFactory(created_by=editor)
    draft.submit(editor)
    login(client, publisher)
    assert 'name="workflow_comment"' in client.get(change_url(draft)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(draft),
            form_data(draft, _workflow_send_back="Trả lại", workflow_comment="Thiếu nguồn."),
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.workflow_notes.get(action="send_back").comment == "Thiếu nguồn."
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Thiếu nguồn." in client.get(change_url(draft)).content.decode()  # the log


def test_send_back_without_comment_is_a_message_not_an_error(client, editor, publisher):
    draft = PostFactory(created_by=editor)
    draft.submit(editor)
    response = login(client, publisher).post(
        change_url(draft), form_data(draft, _workflow_send_back="Trả lại"), follow=True
    )
    assert response.status_code == 200
    assert "lý do trả lại" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_fake_image_in_the_admin_is_a_form_error_not_a_500(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = login(client, editor).post(add_url(), {**form_data(image_alt="Ảnh"), "image": fake})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Post.objects.exists()


def test_a_body_over_the_size_limit_is_a_form_error_and_nothing_is_saved(client, editor, settings):
    # Finding 4: posts had no size limit; a 15-million-character body slowed every search.
    settings.NEWS_POST_BODY_MAX_CHARS = 5_000
    body = "<p>" + "Dân vận khéo. " * 400 + "</p>"
    assert len(body) > 5_000
    response = login(client, editor).post(add_url(), form_data(body=body))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert "Nội dung quá dài" in errors[0] and "tối đa 5.000 ký tự" in errors[0]
    assert not Post.objects.exists()
    response = client.post(add_url(), form_data(body="<p>" + "Dân vận khéo. " * 300 + "</p>"))
    assert response.status_code == 302
    assert Post.objects.count() == 1


def test_the_default_body_limit_admits_long_articles_but_not_millions_of_characters():
    from django.conf import settings

    assert 100_000 <= settings.NEWS_POST_BODY_MAX_CHARS <= 1_000_000


# -- bulk actions -----------------------------------------------------------------------------


def _action(client, action, posts):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [p.pk for p in posts], "index": 0},
    )


def test_editor_bulk_actions_cannot_publish_or_delete_published(client, editor, publisher):
    drafts = PostFactory.create_batch(2, created_by=editor)
    published = PostFactory(published=True)
    login(client, editor)
    html = client.get(changelist_url()).content.decode()
    assert "publish_selected" not in html and "delete_selected" not in html
    _action(client, "publish_selected", drafts)
    _action(client, "delete_selected", [published])
    assert not Post.objects.published().exclude(pk=published.pk).exists()
    assert Post.objects.filter(pk=published.pk).exists()
    _action(client, "submit_selected", drafts)
    assert set(
        Post.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)
    ) == {Status.REVIEW}


def test_publisher_bulk_publish_and_unpublish(client, publisher):
    posts = PostFactory.create_batch(3)
    login(client, publisher)
    _action(client, "publish_selected", posts)
    assert Post.objects.published().count() == 3
    _action(client, "unpublish_selected", posts[:1])
    assert Post.objects.published().count() == 2
    assert Post.objects.get(pk=posts[0].pk).status == Status.DRAFT


# -- changelist: columns, filters, accent-insensitive search ----------------------------------


def test_changelist_columns_and_filters(client, publisher):
    post = PostFactory(published=True, tags=["Dân vận khéo"], title="Tin có thẻ")
    login(client, publisher)
    html = client.get(changelist_url()).content.decode()
    for label in ("Trạng thái", "Chuyên mục", "Chủ đề", "Xem trên trang", "Dân vận khéo"):
        assert label in html
    assert post.get_absolute_url() in html
    for query in (
        "?status__exact=published",
        f"?tags__id__exact={post.tags.get().pk}",
        f"?publish_at__year={post.publish_at.year}",
    ):
        response = client.get(changelist_url() + query)
        assert response.status_code == 200
        assert "Tin có thẻ" in response.content.decode()


@pytest.mark.parametrize("query", ["dan van kheo", "DÂN VẬN KHÉO", "Dân vận khéo", "khéo dân"])
def test_admin_search_is_accent_insensitive(client, editor, query):
    PostFactory(title="Năm Dân vận khéo ở Nghệ An", summary="", body="")
    PostFactory(
        title="Hội nghị Quy chế dân chủ", summary="Đảng ủy Khối", body="<p>Khối dân vận</p>"
    )
    response = login(client, editor).get(changelist_url(), {"q": query})
    html = response.content.decode()
    assert "Năm Dân vận khéo ở Nghệ An" in html
    assert "Hội nghị Quy chế dân chủ" not in html


# -- revision history -------------------------------------------------------------------------


def _history_url(post, version):
    return reverse("admin:news_post_simple_history", args=[post.pk, version.history_id])


def test_history_shows_a_readable_diff_and_restores_content_but_not_state(
    client, editor, publisher
):
    post = PostFactory(created_by=editor, title="Tiêu đề đầu tiên")
    first = post.history.earliest()
    post.title = "Tiêu đề sửa lần hai"
    post.save()
    post.publish(publisher)
    login(client, publisher)
    html = client.get(reverse("admin:news_post_history", args=[post.pk])).content.decode()
    assert "Tiêu đề đầu tiên" in html and "Tiêu đề sửa lần hai" in html

    response = client.post(_history_url(post, first), form_data(post, title=first.title))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Tiêu đề đầu tiên"
    assert post.status == Status.PUBLISHED  # restoring content does not unpublish
    assert post.history.count() >= 4


def test_editor_cannot_restore_a_published_post_nor_publish_by_restoring(client, editor, publisher):
    post = PostFactory(created_by=editor)
    post.publish(publisher)
    published_version = post.history.latest()
    login(client, editor)
    assert client.post(_history_url(post, published_version), form_data(post)).status_code == 403

    post.unpublish(publisher)  # a draft again; its old published version still exists
    response = client.post(
        _history_url(post, published_version), form_data(post, title="Khôi phục")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Khôi phục"
    assert post.status == Status.DRAFT
    assert not Post.objects.published().exists()
