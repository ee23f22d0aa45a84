"""A publisher (or editor) limited to categories: sees, edits, files and publishes only their
categories' posts, whatever the view; the administrator assigns the categories."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.publishing import Status
from news.models import Post
from news.tests.factories import CategoryFactory, PostFactory
from news.tests.test_admin import form_data, login


@pytest.fixture
def categories(db):
    return {
        "mine": CategoryFactory(name="Dân vận khéo"),
        "other": CategoryFactory(name="Quy chế dân chủ ở cơ sở"),
    }


@pytest.fixture
def category_publisher(publisher, categories):
    categories["mine"].members.add(publisher)
    return publisher


def test_the_list_shows_their_categories_posts_only(client, category_publisher, categories):
    PostFactory(title="Tin của chuyên mục mình", category=categories["mine"])
    PostFactory(title="Tin của chuyên mục khác", category=categories["other"])
    page = login(client, category_publisher).get(reverse("admin:news_post_changelist"))
    html = page.content.decode()
    assert "Tin của chuyên mục mình" in html and "Tin của chuyên mục khác" not in html


def test_another_categorys_post_cannot_be_opened_or_changed(client, category_publisher, categories):
    other = PostFactory(title="Tin của chuyên mục khác", category=categories["other"])
    login(client, category_publisher)
    url = reverse("admin:news_post_change", args=[other.pk])
    assert client.get(url).status_code == 302  # "không tồn tại"
    client.post(url, form_data(other, title="Sửa trộm"))
    assert Post.objects.get(pk=other.pk).title == "Tin của chuyên mục khác"


def test_a_post_cannot_be_filed_under_another_category(client, category_publisher, categories):
    login(client, category_publisher)
    response = client.post(
        reverse("admin:news_post_add"), form_data(category=categories["other"].pk)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["category"]
    assert not Post.objects.exists()
    assert (
        client.post(
            reverse("admin:news_post_add"), form_data(category=categories["mine"].pk)
        ).status_code
        == 302
    )
    assert Post.objects.get().category == categories["mine"]


def test_publishing_keeps_to_their_categories(client, category_publisher, categories):
    mine = PostFactory(category=categories["mine"])
    other = PostFactory(category=categories["other"])
    login(client, category_publisher).post(
        reverse("admin:news_post_changelist"),
        {"action": "publish_selected", "_selected_action": [mine.pk, other.pk], "index": 0},
    )
    assert list(Post.objects.published()) == [mine]
    with pytest.raises(PermissionDenied):
        other.publish(category_publisher)
    assert Post.objects.get(pk=other.pk).status == Status.DRAFT


def test_users_without_categories_are_not_limited(client, publisher, categories):
    other = PostFactory(category=categories["other"])
    other.publish(publisher)
    assert list(Post.objects.published()) == [other]


def test_only_administrators_assign_categories(client, category_publisher, superuser, categories):
    category = categories["mine"]
    url = reverse("admin:news_category_change", args=[category.pk])
    assert "members" in login(client, superuser).get(url).context["adminform"].form.fields
    client.logout()
    category_publisher.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_category", "view_category"])
    )
    login(client, category_publisher)
    assert "members" not in client.get(url).context["adminform"].form.fields
    data = {"name": category.name, "description": "", "position": 0, "members": []}
    client.post(url, data)
    assert list(category.members.all()) == [category_publisher]
