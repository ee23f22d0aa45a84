import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from news.images import rendition_name, rendition_names
from news.models import Post
from news.tests.factories import PostFactory, image_bytes, uploaded_image

pytestmark = pytest.mark.django_db

PostImageForm = modelform_factory(Post, fields=["title", "image", "image_alt"])


def _form(upload):
    return PostImageForm(
        data={"title": "Hội nghị trực tuyến 91 điểm cầu", "image_alt": "Quang cảnh hội nghị"},
        files={"image": upload},
    )


def test_real_jpeg_png_and_webp_are_accepted():
    for name, fmt, mime in (
        ("a.jpg", "JPEG", "image/jpeg"),
        ("a.png", "PNG", "image/png"),
        ("a.webp", "WEBP", "image/webp"),
    ):
        form = _form(uploaded_image(name, fmt, (640, 480), content_type=mime))
        assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("anh.jpg", b"day khong phai la anh", content_type="image/jpeg"),
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            content_type="image/svg+xml",
        ),
        SimpleUploadedFile("truncated.png", image_bytes("PNG")[:200], content_type="image/png"),
    ],
    ids=["text-named-jpg", "svg", "truncated-png"],
)
def test_fake_images_are_a_form_error(upload):
    form = _form(upload)
    assert not form.is_valid()
    assert "image" in form.errors


def test_other_real_formats_are_refused():
    form = _form(uploaded_image("a.gif", "GIF", (64, 64), content_type="image/gif"))
    assert not form.is_valid()
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP" in form.errors["image"][0]


def test_oversized_file_is_a_form_error(settings):
    settings.NEWS_IMAGE_MAX_BYTES = 2048
    upload = SimpleUploadedFile("lon.png", image_bytes("PNG", (300, 300)) + b"\0" * 4096)
    form = _form(upload)
    assert not form.is_valid()
    assert "Ảnh quá lớn" in form.errors["image"][0]


def test_too_many_pixels_is_a_form_error():
    # 8000 × 6000 = 48 megapixels, a small file (1-bit PNG) over the 40 MP limit.
    form = _form(
        uploaded_image("rong.png", "PNG", (8000, 6000), content_type="image/png", mode="1")
    )
    assert not form.is_valid()
    assert "điểm ảnh" in form.errors["image"][0]


def test_renditions_are_made_once_in_the_sizes_the_templates_use():
    post = PostFactory(image=uploaded_image(size=(1600, 900)), image_alt="Lớp tập huấn")
    assert post.image_renditions == {"source": post.image.name, "widths": [400, 800, 1200]}
    for width in (400, 800, 1200):
        for ext in ("webp", "jpg"):
            with default_storage.open(rendition_name(post.image.name, width, ext)) as fh:
                assert Image.open(fh).width == width
    sets = post.image_srcsets()
    assert sets["webp"].endswith("-1200w.webp 1200w")
    assert "-400w.jpg 400w" in sets["jpg"]


def test_small_images_are_not_upscaled_and_transparency_is_flattened_for_jpeg():
    upload = uploaded_image(
        "nho.png", "PNG", (300, 200), content_type="image/png", mode="RGBA", color=(0, 0, 0, 0)
    )
    post = PostFactory(image=upload, image_alt="Biểu trưng")
    assert post.image_renditions["widths"] == [300]
    with default_storage.open(rendition_name(post.image.name, 300, "jpg")) as fh:
        assert Image.open(fh).mode == "RGB"


def test_removing_the_image_forgets_its_renditions():
    post = PostFactory(image=uploaded_image(size=(500, 300)), image_alt="Ảnh")
    post.image = None
    post.save()
    post.refresh_from_db()
    assert post.image_renditions == {}
    assert post.image_srcsets() is None


def test_replacing_or_removing_the_image_deletes_the_old_renditions_only():
    post = PostFactory(image=uploaded_image("hoi-nghi.jpg", size=(900, 600)), image_alt="Ảnh")
    first_original, first = post.image.name, rendition_names(post.image_renditions)
    assert len(first) == 6 and all(default_storage.exists(name) for name in first)

    post.image = uploaded_image("tap-huan.jpg", size=(1300, 700))
    post.save()
    second = rendition_names(post.image_renditions)
    assert len(second) == 6 and all(default_storage.exists(name) for name in second)
    assert not any(default_storage.exists(name) for name in first)
    assert default_storage.exists(first_original)  # older revisions may still show it

    post.image = None
    post.save()
    assert not any(default_storage.exists(name) for name in second)


def test_every_stored_image_name_has_a_random_part():
    names = []
    for _ in range(2):
        post = PostFactory(image=uploaded_image("Ảnh hội nghị.jpg"), image_alt="Hội nghị")
        names.append(post.image.name)
    for name in names:
        # Drafts keep their image in the private folder (news/lead_image.py).
        assert re.fullmatch(r"private/news/\d{4}/\d\d/anh-hoi-nghi-[0-9a-f]{16}\.jpg", name), name
    assert names[0] != names[1]
