"""Uploads on S3-compatible object storage (enabled by DJANGO_S3_BUCKET, see settings).

Public uploads (pictures, renditions, public documents' files) are read straight from the bucket
or its CDN. Private files (`core.uploads.is_private`: attachments of internal or unpublished
documents) never are: the site serves them through its download views (which check who may see
them and stream the object), and should any code ask for their URL it gets a signed one that
expires after PRIVATE_URL_SECONDS, never a lasting public address.

Who may read an object is said by the object itself (`object_acl`, DJANGO_S3_OBJECT_ACL, the
default): public uploads are stored `public-read`, private files `private`, so a private file
stays private whatever the bucket's other settings, and the local S3 emulator of the tests checks
it. A bucket with ACLs switched off (AWS's default for new buckets) sets DJANGO_S3_OBJECT_ACL=0
and lets its policy decide instead: deploy/s3/media-bucket-policy.json allows anonymous reads of
`media/*` and denies them for `media/private/*`.
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from core.uploads import is_private
from ops.media import object_parameters

PRIVATE_URL_SECONDS = 60


class MediaS3Storage(S3Storage):
    """S3 storage that stores per-object download/no-render headers (see ops.media) and keeps
    private files private."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "object_acl": True}

    def _relative(self, key):
        """The storage's name of an object `key` (django-storages passes keys with the location)."""
        prefix = f"{self.location.strip('/')}/" if self.location else ""
        return key[len(prefix) :] if prefix and key.startswith(prefix) else key

    def get_object_parameters(self, name):
        parameters = object_parameters(name, super().get_object_parameters(name))
        name = self._relative(name)
        if is_private(name):
            parameters["CacheControl"] = "private, no-store"
        if self.object_acl:
            parameters["ACL"] = "private" if is_private(name) else "public-read"
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not is_private(clean_name(name)):
            return super().url(name, parameters, expire, http_method)
        return self.bucket.meta.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket.name, "Key": self._normalize_name(clean_name(name))},
            ExpiresIn=min(expire or PRIVATE_URL_SECONDS, PRIVATE_URL_SECONDS),
        )
