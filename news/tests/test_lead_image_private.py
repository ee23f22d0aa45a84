"""The lead image of a post the public cannot see lives in private storage: its media address
does not exist, its image view answers 404 to the public and the image to permitted, verified
staff; publication moves it out (renditions too), taking the post down moves it back."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import revisions
from core.uploads import is_private
from news import lead_image
from news.models import Post
from news.tests.factories import PostFactory, uploaded_image


def _draft_with_image(**kw):
    return PostFactory(image=uploaded_image("Ảnh hội nghị.jpg"), image_alt="Hội nghị", **kw)


def _stored(post):
    return [post.image.name, *lead_image.images.rendition_names(post.image_renditions)]


@pytest.mark.django_db
def test_a_drafts_image_and_renditions_are_private_and_404_for_the_public(client):
    post = _draft_with_image()
    names = _stored(post)
    assert len(names) > 1  # the original and its renditions
    assert all(is_private(name) for name in names)
    assert all(default_storage.exists(name) for name in names)
    # Nothing under the public media address it would have had.
    assert not any(default_storage.exists(lead_image.public_name(name)) for name in names)
    url = post.image.url
    assert url.startswith(f"/tin-tuc/{post.slug}/anh/")
    assert client.get(url).status_code == 404
    for name in names:
        public = lead_image.public_name(name)
        assert client.get(f"/tin-tuc/{post.slug}/anh/{public}").status_code == 404


@pytest.mark.django_db
def test_permitted_staff_preview_the_drafts_image(client, publisher):
    post = _draft_with_image()
    client.force_login(publisher)
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert f"/tin-tuc/{post.slug}/anh/" in page.content.decode()
    response = client.get(post.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")


@pytest.mark.django_db
def test_staff_who_owe_the_second_factor_see_nothing_without_it(client, publisher, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    post = _draft_with_image()
    client.force_login(publisher)  # password only: a stolen password
    assert client.get(post.image.url).status_code == 404


@pytest.mark.django_db
def test_staff_without_permission_on_posts_see_nothing(client, django_user_model):
    post = _draft_with_image()
    clerk = django_user_model.objects.create_user("vanthu", password="x" * 14, is_staff=True)
    client.force_login(clerk)
    assert client.get(post.image.url).status_code == 404


@pytest.mark.django_db
def test_publication_moves_the_files_out_and_unpublishing_moves_them_back(client, publisher):
    post = _draft_with_image()
    private_names = _stored(post)
    private_url = post.image.url
    post.publish(publisher)
    post.refresh_from_db()
    public_names = _stored(post)
    assert not any(is_private(name) for name in public_names)
    assert all(default_storage.exists(name) for name in public_names)
    assert not any(default_storage.exists(name) for name in private_names)
    assert post.image.url.startswith("/media/news/")
    page = client.get(post.get_absolute_url()).content.decode()
    assert post.image.url in page
    # An old preview link now leads to the public file.
    response = client.get(private_url)
    assert response.status_code == 302 and response["Location"] == post.image.url

    post.unpublish(publisher)
    post.refresh_from_db()
    assert _stored(post) == private_names
    assert not any(default_storage.exists(name) for name in public_names)
    assert client.get(post.image.url).status_code == 404


@pytest.mark.django_db
def test_a_scheduled_posts_image_waits_for_the_publication_time(client, publisher, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post = _draft_with_image()
    at = timezone.now() + datetime.timedelta(hours=2)
    post.publish(publisher, at=at)
    post.refresh_from_db()
    assert is_private(post.image.name)
    assert client.get(post.image.url).status_code == 404
    [waiting] = DBTaskResult.objects.filter(task_path="news.models.posts.sync_lead_image")
    assert waiting.run_after == at
    # The time comes before the worker runs the task: the public already gets the image ...
    Post.objects.filter(pk=post.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(post.image.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    # ... and the task moves it out.
    from news.models.posts import sync_lead_image  # noqa: PLC0415

    assert sync_lead_image.call(post.pk) is True
    post.refresh_from_db()
    assert not is_private(post.image.name)


@pytest.mark.django_db
def test_a_draft_over_live_never_hides_the_live_posts_image(client, publisher):
    post = _draft_with_image()
    post.publish(publisher)
    post.refresh_from_db()
    revision = revisions.start(post, publisher)
    post.refresh_from_db()
    assert revision.image.name == post.image.name
    assert not is_private(post.image.name)
    assert default_storage.exists(post.image.name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/tin-tuc/khong-co/anh/news/2026/01/x.jpg",
        "/tin-tuc/{slug}/anh/../../settings.py",
        "/tin-tuc/{slug}/anh/%2e%2e/%2e%2e/etc/passwd",
        "/tin-tuc/{slug}/anh/news/2026/01/khac.jpg",
        "/tin-tuc/{slug}/anh/",
        "/tin-tuc/{slug}/anh/\x00.jpg",
    ],
)
def test_bad_image_addresses_are_404(client, publisher, path):
    post = _draft_with_image()
    client.force_login(publisher)
    assert client.get(path.format(slug=post.slug)).status_code == 404


@pytest.mark.django_db
def test_another_posts_private_image_is_not_reachable_through_a_public_post(client, publisher):
    hidden = _draft_with_image()
    shown = PostFactory(published=True)
    name = lead_image.public_name(hidden.image.name)
    assert client.get(f"/tin-tuc/{shown.slug}/anh/{name}").status_code == 404


@pytest.mark.django_db
def test_only_safe_methods(client, publisher):
    post = _draft_with_image()
    client.force_login(publisher)
    assert client.post(post.image.url).status_code == 405
