"""The states of a publishable item (`core.publishing.Status` for the apps)."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    REVIEW = "review", "Chờ duyệt"
    PUBLISHED = "published", "Đã xuất bản"
    ARCHIVED = "archived", "Lưu trữ"
