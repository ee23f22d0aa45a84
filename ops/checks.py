"""Deployment checks of what ops keeps: backups out of reach of the web, private files on S3."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def _inside(path, folder):
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security, deploy=True)
def backups_are_not_served(app_configs, **kwargs):
    """A backup folder inside media or static files would be handed to anyone who asks."""
    parts = urlsplit(settings.BACKUP_URL)
    if parts.scheme not in ("", "file"):
        return []
    folder = parts.path if parts.scheme else settings.BACKUP_URL
    for root in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        if _inside(folder, root):
            return [
                checks.Error(
                    f"DJANGO_BACKUP_URL ({folder}) nằm trong thư mục {root} mà máy chủ web phục vụ "
                    "công khai.",
                    hint="Đặt bản sao lưu ở một thư mục khác, tốt nhất trên máy khác (s3://…).",
                    id="ops.E001",
                )
            ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def private_files_on_s3_are_not_sent_by_nginx(app_configs, **kwargs):
    """nginx's internal location reads local disk: with S3 it would answer 404 for every file."""
    on_s3 = settings.STORAGES["default"]["BACKEND"] == "ops.storage.MediaS3Storage"
    if on_s3 and getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", ""):
        return [
            checks.Warning(
                "Tệp tải lên nằm trên S3 nhưng DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX vẫn đặt: nginx sẽ "
                "tìm tệp riêng tư trên đĩa và không thấy.",
                hint="Để trống DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX khi dùng DJANGO_S3_BUCKET.",
                id="ops.W001",
            )
        ]
    return []
