"""Featured images: what an upload must be, and the renditions the templates serve with srcset."""

import contextlib
import io
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
# The widths the templates ask for (cards ~400px, article column ~800px, wide screens 1200px).
RENDITION_WIDTHS = (400, 800, 1200)
RENDITION_FORMATS = (("webp", "WEBP", "image/webp"), ("jpg", "JPEG", "image/jpeg"))


def max_bytes():
    return getattr(settings, "NEWS_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_pixels():
    return getattr(settings, "NEWS_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _megabytes(n):
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


@deconstructible
class ImageUploadValidator:
    """A real JPEG, PNG or WebP, under the byte and pixel limits; otherwise a form error.

    Files already stored (not a new upload) are not re-read on every save.
    """

    def __call__(self, value):
        if not value or getattr(value, "_committed", False):
            return
        size = getattr(value, "size", None)
        if size is not None and size > max_bytes():
            raise ValidationError(
                "Ảnh quá lớn (%(size)s MB); dung lượng tối đa là %(max)s MB.",
                code="image_too_large",
                params={"size": _megabytes(size), "max": _megabytes(max_bytes())},
            )
        source = getattr(value, "file", value)
        try:
            source.seek(0)
            with Image.open(source) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        "Chỉ nhận ảnh JPEG, PNG hoặc WebP (tệp này là %(format)s).",
                        code="image_format",
                        params={"format": fmt or "không rõ"},
                    )
                if width * height > max_pixels():
                    raise ValidationError(
                        "Ảnh quá nhiều điểm ảnh (%(w)s × %(h)s); tối đa %(max)s triệu điểm ảnh.",
                        code="image_too_many_pixels",
                        params={"w": width, "h": height, "max": max_pixels() // 1_000_000},
                    )
                image.verify()
        except ValidationError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            raise ValidationError(
                "Tệp tải lên không phải là ảnh hợp lệ.", code="invalid_image"
            ) from None
        finally:
            with contextlib.suppress(AttributeError, OSError, ValueError):
                source.seek(0)

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()


# -- what an original must not tell ------------------------------------------------------------

# The originals are public (the largest "srcset" size, the library's links): where a picture
# was taken and which camera (whose serial numbers identify the photographer) are removed before
# they are stored. Orientation, date, exposure and colour profile stay.
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
IDENTIFYING_TAGS = (
    0xA430,  # CameraOwnerName
    0xA431,  # BodySerialNumber
    0xA435,  # LensSerialNumber
    0xC62F,  # CameraSerialNumber (DNG)
    0x9C9C,  # XPComment
    0x9C9D,  # XPAuthor
)
_XMP_TELLS = (b"GPS", b"SerialNumber", b"exif:GPS", b"aux:Serial")


def _identifying(exif):
    exif_ifd = exif.get_ifd(EXIF_IFD)
    return (
        GPS_IFD in exif
        or any(tag in exif for tag in IDENTIFYING_TAGS)
        or any(tag in exif_ifd for tag in IDENTIFYING_TAGS)
    )


def _png_may_tell(source):
    source.seek(0)
    raw = source.read()
    return b"eXIf" in raw or (b"XML:com.adobe.xmp" in raw and any(w in raw for w in _XMP_TELLS))


def without_location(source):
    """The bytes of `source` (an image file) without GPS position and camera serial numbers, or
    None when it carries neither (then it is stored untouched). JPEG keeps its own quantisation
    (no visible re-compression); PNG is lossless anyway."""
    source.seek(0)
    head = source.read(8)
    if head.startswith(b"\x89PNG") and not _png_may_tell(source):
        # Pillow finds a PNG's EXIF only by decoding the whole picture (seconds for a large
        # one, in the request): a PNG without an eXIf chunk or telling XMP is stored as it is.
        source.seek(0)
        return None
    source.seek(0)
    with Image.open(source) as image:
        exif = image.getexif()
        xmp = image.info.get("xmp") or b""
        xmp_tells = any(word in xmp for word in _XMP_TELLS)
        if not _identifying(exif) and not xmp_tells:
            return None
        exif.pop(GPS_IFD, None)
        exif_ifd = exif.get_ifd(EXIF_IFD)
        for tag in IDENTIFYING_TAGS:
            exif.pop(tag, None)
            exif_ifd.pop(tag, None)
        options = {"exif": exif.tobytes()}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        fmt = image.format
        if fmt == "JPEG":
            options.update(quality="keep", subsampling="keep")
        elif fmt == "WEBP":
            options.update(quality=90, method=4)
        buffer = io.BytesIO()
        image.save(buffer, fmt, **options)
    source.seek(0)
    return buffer.getvalue()


def strip_location(fieldfile):
    """Before a new upload is stored: its original without location or camera serials."""
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return False
    try:
        cleaned = without_location(fieldfile.file)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False  # the validator has already refused what Pillow cannot read
    if cleaned is None:
        return False
    fieldfile.file = ContentFile(cleaned, name=fieldfile.name)
    return True


# -- renditions ------------------------------------------------------------------------------


def rendition_name(source_name, width, ext):
    folder, filename = posixpath.split(source_name)
    stem = filename.rsplit(".", 1)[0]
    return posixpath.join(folder, "r", f"{stem}-{width}w.{ext}")


def widths_for(original_width):
    """Rendition widths for an original: never upscaled; a small original keeps its own width."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    if original_width and len(widths) < len(RENDITION_WIDTHS):
        widths.append(min(original_width, RENDITION_WIDTHS[-1]))
    return widths


def make_renditions(fieldfile):
    """Write WebP and JPEG renditions of `fieldfile`; return {"source": name, "widths": [...]}."""
    storage = fieldfile.storage
    with fieldfile.open("rb") as fh, Image.open(fh) as original:
        image = ImageOps.exif_transpose(original)
        image.load()
    widths = widths_for(image.width)
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, fmt, _mime in RENDITION_FORMATS:
            frame = resized
            if fmt == "JPEG" and frame.mode not in ("RGB", "L"):
                frame = _flatten(frame)
            elif frame.mode not in ("RGB", "RGBA", "L"):
                frame = frame.convert("RGBA")
            buffer = io.BytesIO()
            frame.save(buffer, fmt, quality=82)
            name = rendition_name(fieldfile.name, width, ext)
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, ContentFile(buffer.getvalue()))
    return {"source": fieldfile.name, "widths": widths}


def rendition_names(renditions):
    """The file names of the renditions recorded as {"source": name, "widths": [...]}."""
    source = (renditions or {}).get("source")
    if not source:
        return []
    return [
        rendition_name(source, width, ext)
        for width in renditions.get("widths", [])
        for ext, _fmt, _mime in RENDITION_FORMATS
    ]


def delete_renditions(storage, renditions):
    """Remove the rendition files of a replaced or removed image (derived, so never needed
    again: an older revision brought back makes its own). The original upload is kept: the
    revision history may still refer to it."""
    for name in rendition_names(renditions):
        storage.delete(name)


def _flatten(image):
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def srcsets(fieldfile, renditions):
    """{"webp": "url 400w, …", "jpg": "…", "src": fallback url} without touching the storage."""
    if not fieldfile or not renditions or renditions.get("source") != fieldfile.name:
        return None
    storage = fieldfile.storage
    widths = renditions.get("widths") or []
    if not widths:
        return None
    result = {}
    for ext, _fmt, mime in RENDITION_FORMATS:
        result[ext] = ", ".join(
            f"{storage.url(rendition_name(fieldfile.name, w, ext))} {w}w" for w in widths
        )
        result[f"{ext}_type"] = mime
    fallback = min(widths, key=lambda w: abs(w - 800))
    result["src"] = storage.url(rendition_name(fieldfile.name, fallback, "jpg"))
    return result
