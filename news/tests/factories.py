import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from core.publishing import Status
from news.models import Category, Post


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dân vận khéo {n}")


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tập huấn công tác dân vận số {n}")
    summary = "Sáng 17/9/2020, Ban Dân vận Tỉnh ủy tổ chức lớp tập huấn."
    body = "<p>Nội dung bài viết về phong trào thi đua “Dân vận khéo”.</p>"
    byline = "Quỳnh Anh"
    source_name = "dukcqtw.dcs.vn"
    category = factory.SubFactory(CategoryFactory, name="Tin tức – Sự kiện")
    status = Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            publish_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


def image_bytes(fmt="JPEG", size=(1600, 900), mode="RGB", color=(165, 14, 31)):
    buffer = io.BytesIO()
    Image.new(mode, size, color if mode != "1" else 1).save(buffer, fmt)
    return buffer.getvalue()


def uploaded_image(name="anh.jpg", fmt="JPEG", size=(1600, 900), content_type="image/jpeg", **kw):
    return SimpleUploadedFile(name, image_bytes(fmt, size, **kw), content_type=content_type)
