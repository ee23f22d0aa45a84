"""Preview before the first save: the form as written, rendered as the article page, with
nothing stored; only for who may write posts."""

import pytest
from django.urls import reverse

from news.models import Post
from taxonomy.models import Topic

from .test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db


def test_an_editor_previews_a_new_post_before_saving_it(client, editor):
    data = form_data(
        title="Bản nháp chưa lưu về dân vận khéo",
        body="<p>Nội dung <script>x()</script>xem trước.</p>",
        tags="Dân vận khéo, Chuyển đổi số",
        _preview="1",
    )
    response = login(client, editor).post(reverse("admin:news_post_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản xem trước" in html and "Bản nháp chưa lưu về dân vận khéo" in html
    assert "Nội dung xem trước." in html and "<script>x()" not in html
    assert "Dân vận khéo" in html and "Chuyển đổi số" in html
    assert "no-cache" in response["Cache-Control"]
    assert not Post.objects.exists() and not Topic.objects.exists()


def test_previewing_an_existing_draft_changes_nothing(client, editor):
    from news.tests.factories import PostFactory

    post = PostFactory(created_by=editor, title="Tiêu đề đã lưu")
    response = login(client, editor).post(
        change_url(post), form_data(post, title="Tiêu đề đang sửa", _preview="1")
    )
    assert "Tiêu đề đang sửa" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Tiêu đề đã lưu"


def test_a_preview_with_errors_shows_the_form_and_stores_nothing(client, editor):
    response = login(client, editor).post(
        reverse("admin:news_post_add"), form_data(title="", _preview="1")
    )
    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert not Post.objects.exists()


def test_who_may_not_write_posts_cannot_preview(client, django_user_model):
    clerk = django_user_model.objects.create_user("nhanvien", password="x", is_staff=True)
    client.force_login(clerk)
    response = client.post(reverse("admin:news_post_add"), form_data(_preview="1"))
    assert response.status_code == 403
