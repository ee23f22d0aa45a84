"""Uploads on S3-compatible object storage (enabled by DJANGO_S3_BUCKET, see settings)."""

from storages.backends.s3 import S3Storage

from ops.media import object_parameters


class MediaS3Storage(S3Storage):
    """S3 storage that stores per-object download/no-render headers (see ops.media)."""

    def get_object_parameters(self, name):
        return object_parameters(name, super().get_object_parameters(name))
