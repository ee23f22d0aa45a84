"""The box on a post's page naming the "Dân vận khéo" models the post is about."""

import pytest

from core.publishing import Status
from news.tests.factories import PostFactory
from practices.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db
BOX = "Bài viết này nói về mô hình Dân vận khéo"


def test_a_post_names_its_published_models_in_order(client):
    post = PostFactory(published=True)
    for title in ("Đường hoa tự quản", "Camera an ninh thôn"):
        PracticeFactory(title=title).posts.add(post)
    PracticeFactory(title="Mô hình còn nháp", status=Status.DRAFT).posts.add(post)
    PracticeFactory(title="Mô hình của bài khác").posts.add(PostFactory(published=True))
    html = client.get(post.get_absolute_url()).content.decode()
    assert BOX in html
    assert html.index("Camera an ninh thôn") < html.index("Đường hoa tự quản")
    assert "Mô hình còn nháp" not in html
    assert "Mô hình của bài khác" not in html


def test_a_post_about_no_model_has_no_box(client):
    post = PostFactory(published=True)
    PracticeFactory(title="Mô hình còn nháp", status=Status.DRAFT).posts.add(post)
    assert BOX not in client.get(post.get_absolute_url()).content.decode()
    assert BOX not in client.get(PostFactory(published=True).get_absolute_url()).content.decode()
