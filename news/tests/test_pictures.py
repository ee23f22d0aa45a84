"""Pictures in the body from the media library: the sanitiser keeps only our own media, the
library needs alt text and shows thumbnails, and the post page serves renditions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.html import sanitize_html
from news.models import Picture
from news.tests.factories import PostFactory, image_bytes

from .test_admin import login

pytestmark = pytest.mark.django_db


def upload(name="hoi-nghi.jpg", size=(1600, 900)):
    return SimpleUploadedFile(name, image_bytes(size=size), content_type="image/jpeg")


def test_the_sanitiser_keeps_only_pictures_from_our_media(settings):
    body = sanitize_html(
        '<figure><img src="/media/thu-vien/2026/12/a.jpg" alt="Hội nghị" onerror="x()">'
        "<figcaption>Quang cảnh hội nghị</figcaption></figure>"
        '<p>Ảnh ngoài<img src="https://example.com/a.png" alt="ngoài"></p>'
        '<figure><img src="//example.com/b.png" alt="b"><figcaption> </figcaption></figure>'
        '<img src="/media/../secret.png" alt="c"><img src="javascript:alert(1)" alt="d">'
        '<figure><img src="/media/thu-vien/b.jpg" alt="Không chú thích"><figcaption>'
        "</figcaption></figure>"
    )
    assert body == (
        '<figure><img src="/media/thu-vien/2026/12/a.jpg" alt="Hội nghị">'
        "<figcaption>Quang cảnh hội nghị</figcaption></figure><p>Ảnh ngoài</p>"
        '<figure><img src="/media/thu-vien/b.jpg" alt="Không chú thích"></figure>'
    )


def test_the_library_needs_alt_text_and_shows_thumbnails(client, editor):
    login(client, editor)
    add = reverse("admin:news_picture_add")
    response = client.post(add, {"image": upload(), "alt": "", "caption": ""})
    assert response.status_code == 200 and not Picture.objects.exists()
    assert "errorlist" in response.content.decode()
    client.post(add, {"image": upload(), "alt": "Đại biểu dự hội nghị", "caption": "Ảnh: BDV"})
    picture = Picture.objects.get()
    assert picture.renditions["widths"] == [400, 800, 1200]
    assert picture.created_by == editor
    listing = client.get(reverse("admin:news_picture_changelist")).content.decode()
    assert f'src="{picture.thumbnail_url()}"' in listing and "-400w.jpg" in listing
    found = client.get(reverse("admin:news_picture_library"), {"q": "đại biểu"}).json()
    assert found["results"] == [
        {
            "url": picture.image.url,
            "thumb": picture.thumbnail_url(),
            "alt": "Đại biểu dự hội nghị",
            "caption": "Ảnh: BDV",
        }
    ]


def test_the_post_page_serves_body_pictures_with_srcset(client, editor):
    picture = Picture.objects.create(image=upload(), alt="Đại biểu dự hội nghị")
    post = PostFactory(
        published=True,
        body=f'<p>Mở đầu</p><figure><img src="{picture.image.url}" alt="Đại biểu dự hội nghị">'
        "<figcaption>Quang cảnh</figcaption></figure>",
    )
    html = client.get(post.get_absolute_url()).content.decode()
    tag = html[html.index(f'<img src="{picture.image.url}"') :]
    tag = tag[: tag.index(">")]
    assert 'alt="Đại biểu dự hội nghị"' in tag and 'loading="lazy"' in tag
    assert "-400w.jpg 400w" in tag and "-800w.jpg 800w" in tag and 'sizes="' in tag
    assert "<figcaption>Quang cảnh</figcaption>" in html


def test_who_may_not_edit_posts_cannot_read_the_library(client, django_user_model):
    clerk = django_user_model.objects.create_user("nhanvien", password="x", is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse("admin:news_picture_library")).status_code == 403
    assert client.post(reverse("admin:news_picture_add"), {"alt": "x"}).status_code == 403


def test_library_pictures_get_random_names_and_their_renditions_are_never_orphans():
    from ops.media_cleanup import orphans

    first = Picture.objects.create(image=upload("anh.jpg"), alt="Hội nghị")
    second = Picture.objects.create(image=upload("anh.jpg"), alt="Hội nghị lần hai")
    assert first.image.name != second.image.name  # nobody can guess the next name
    assert first.renditions["widths"]  # made by the background task (immediate in tests)
    assert orphans(min_age=datetime.timedelta(0)) == []
