"""The media library: pictures editors insert into the body of posts (and any rich text),
each with its alt text (required), an optional caption and renditions for `srcset`."""

import re

from django.conf import settings
from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_tasks import task

from core.publishing import ContentModel
from core.uploads import UploadTo
from news import images

# Widths the body column shows: ~800px on wide screens, the screen width on phones.
BODY_SIZES = "(min-width: 62em) 800px, 100vw"
_IMG_SRC = re.compile(r'<img src="([^"]+)"')


class Picture(ContentModel):
    image = models.ImageField(
        "Ảnh",
        upload_to=UploadTo("thu-vien/%Y/%m"),
        validators=[images.validate_image_upload],
        help_text="JPEG, PNG hoặc WebP; tối đa 5 MB và 40 triệu điểm ảnh.",
    )
    alt = models.CharField(
        "Mô tả ảnh (alt)",
        max_length=300,
        help_text="Bắt buộc: người khiếm thị nghe mô tả này thay cho ảnh.",
    )
    caption = models.CharField("Chú thích", max_length=500, blank=True)
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ảnh trong thư viện"
        verbose_name_plural = "thư viện ảnh"

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        images.strip_location(self.image)
        super().save(*args, **kwargs)
        if self.image and self.renditions.get("source") != self.image.name:
            # Decoding a large picture costs seconds and hundreds of MB: a background task.
            result = make_picture_renditions.enqueue(self.pk, self.image.name)
            if result.is_finished:  # run at once (the immediate backend of dev and tests)
                self.refresh_from_db(fields=["renditions"])

    def refresh_renditions(self):
        """Make the renditions of the current image (the background task calls this)."""
        try:
            wanted = images.make_renditions(self.image)
        except (OSError, ValueError):
            wanted = {}
        if wanted != self.renditions:
            images.delete_renditions(self.image.storage, self.renditions)
            self.renditions = wanted
            type(self)._default_manager.filter(pk=self.pk).update(renditions=wanted)

    @classmethod
    def referenced_media(cls):
        """The renditions of every picture (cleanup_media keeps them)."""
        for renditions in cls._default_manager.values_list("renditions", flat=True):
            yield from images.rendition_names(renditions)

    def srcsets(self):
        return images.srcsets(self.image, self.renditions)

    def thumbnail_url(self):
        sets = self.srcsets()
        if sets:
            return self.image.storage.url(
                images.rendition_name(self.image.name, min(self.renditions["widths"]), "jpg")
            )
        return self.image.url


@task()
def make_picture_renditions(picture_id, image_name):
    """The renditions of a picture uploaded to the media library, off the request."""
    picture = Picture.objects.filter(pk=picture_id, image=image_name).first()
    if picture is not None:
        picture.refresh_renditions()


def with_renditions(html):
    """`html` (sanitised rich text) with `srcset`/`sizes` on every picture of the library.

    One query, only when the text has pictures."""
    sources = _IMG_SRC.findall(html or "")
    media = settings.MEDIA_URL
    names = [src[len(media) :] for src in sources if src.startswith(media)]
    if not names:
        return mark_safe(html or "")  # noqa: S308 (sanitised on save)
    sets = {p.image.name: p.srcsets() for p in Picture.objects.filter(image__in=names)}

    def add_srcset(match):
        src = match.group(1)
        found = sets.get(src[len(media) :]) if src.startswith(media) else None
        extra = ' loading="lazy" decoding="async"'
        if found:
            extra += f' srcset="{escape(found["jpg"])}" sizes="{BODY_SIZES}"'
        return f'<img src="{src}"{extra}'

    return mark_safe(_IMG_SRC.sub(add_srcset, html))  # noqa: S308 (sanitised on save)
