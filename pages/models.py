"""Pages about the commission itself, maintained by editors in the admin."""

from django.db import models
from django.urls import reverse

from core.html import rich_text_field, sanitize_html
from core.publishing import ContentModel
from core.slugs import unique_slug


class AboutPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class AboutPage(ContentModel):
    """Chức năng, nhiệm vụ; cơ cấu tổ chức; liên hệ; the English page …"""

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    title = models.CharField("Tiêu đề", max_length=200)
    slug = models.SlugField("Đường dẫn", max_length=100, unique=True, blank=True)
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VI
    )
    summary = models.TextField("Tóm tắt", blank=True)
    body = rich_text_field("Nội dung")
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_published = models.BooleanField("Hiển thị", default=True)

    objects = AboutPageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = "trang giới thiệu"
        verbose_name_plural = "trang giới thiệu"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.language == self.Language.EN:
            return reverse("about_english")
        return reverse("about_page", kwargs={"slug": self.slug})


class Leader(ContentModel):
    """A member of the commission's leadership, with title and contacts."""

    name = models.CharField("Họ và tên", max_length=200)
    position_title = models.CharField("Chức vụ", max_length=300)
    phone = models.CharField("Điện thoại", max_length=50, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_current = models.BooleanField("Đương nhiệm", default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "lãnh đạo Ban"
        verbose_name_plural = "lãnh đạo Ban"

    def __str__(self):
        return f"{self.name} – {self.position_title}"
