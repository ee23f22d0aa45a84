"""Stored originals (lead images, the picture library) keep no GPS position and no camera serial
numbers; what is harmless (orientation, date, camera make) stays, and JPEG is not re-compressed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news import images
from news.models import Picture
from news.tests.factories import PostFactory

GPS = {1: "N", 2: (21.0, 1.0, 30.5), 3: "E", 4: (105.0, 51.0, 12.0)}


def jpeg_with_gps(fmt="JPEG", **save):
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0112] = 1  # Orientation
    exif[0x0132] = "2026:10:15 08:30:00"  # DateTime
    exif[images.GPS_IFD] = GPS
    exif_ifd = exif.get_ifd(images.EXIF_IFD)
    exif_ifd[0xA431] = "BODY-SN-0042"  # BodySerialNumber
    exif_ifd[0xA435] = "LENS-SN-77"  # LensSerialNumber
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (165, 14, 31)).save(buffer, fmt, exif=exif.tobytes(), **save)
    return buffer.getvalue()


def _read_exif(fieldfile):
    with fieldfile.open("rb") as fh, Image.open(fh) as image:
        return image.getexif(), image.format


def test_the_test_file_does_carry_gps_and_serials():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        exif = image.getexif()
        assert exif.get_ifd(images.GPS_IFD)[2] == (21.0, 1.0, 30.5)
        assert exif.get_ifd(images.EXIF_IFD)[0xA431] == "BODY-SN-0042"
    raw = jpeg_with_gps()
    assert b"BODY-SN-0042" in raw


@pytest.mark.django_db
def test_a_lead_image_is_stored_without_gps_or_serials(editor):
    upload = SimpleUploadedFile("anh-hoi-nghi.jpg", jpeg_with_gps(), content_type="image/jpeg")
    post = PostFactory(image=upload, image_alt="Hội nghị")
    exif, fmt = _read_exif(post.image)
    assert fmt == "JPEG"
    assert images.GPS_IFD not in exif
    assert not exif.get_ifd(images.GPS_IFD)
    assert 0xA431 not in exif.get_ifd(images.EXIF_IFD)
    assert 0xA435 not in exif.get_ifd(images.EXIF_IFD)
    assert exif[0x010F] == "Canon"
    assert exif[0x0132] == "2026:10:15 08:30:00"
    with post.image.open("rb") as fh:
        stored = fh.read()
    assert b"BODY-SN-0042" not in stored
    assert b"LENS-SN-77" not in stored


@pytest.mark.django_db
def test_a_library_picture_is_stored_without_gps(editor):
    upload = SimpleUploadedFile("thu-vien.jpg", jpeg_with_gps(), content_type="image/jpeg")
    picture = Picture.objects.create(image=upload, alt="Ảnh thư viện")
    exif, _ = _read_exif(picture.image)
    assert images.GPS_IFD not in exif
    assert 0xA431 not in exif.get_ifd(images.EXIF_IFD)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_the_location_too(fmt):
    raw = jpeg_with_gps(fmt)
    cleaned = images.without_location(io.BytesIO(raw))
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == fmt
        assert images.GPS_IFD not in image.getexif()


def test_jpeg_quality_is_kept_and_a_clean_file_is_untouched():
    raw = jpeg_with_gps(quality=95)
    cleaned = images.without_location(io.BytesIO(raw))
    with Image.open(io.BytesIO(raw)) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert before.quantization == after.quantization
    plain = io.BytesIO()
    Image.new("RGB", (64, 64)).save(plain, "JPEG")
    assert images.without_location(plain) is None
