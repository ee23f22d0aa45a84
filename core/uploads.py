"""Where uploads are stored and how files the public may not see are handed out.

Every stored name gets a random component (`random_name`), so no upload sits at a predictable
path. Files under `PRIVATE_PREFIX` are never served from /media/ (deploy/nginx/dvsite.conf
refuses the folder); a view that has checked who may see the item answers with
`protected_file_response`: an `X-Accel-Redirect` to nginx's internal location when
`PRIVATE_MEDIA_ACCEL_PREFIX` is set, otherwise the file streamed by Django.
"""

import mimetypes
import posixpath
import secrets
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

from core.text import slugify

PRIVATE_PREFIX = "private"


def random_name(filename):
    """`anh-hoi-nghi.jpg` -> `anh-hoi-nghi-3f9c0a1b2c4d5e6f.jpg`: 64 random bits in every name."""
    stem, ext = posixpath.splitext(posixpath.basename(filename or ""))
    stem = slugify(stem, max_length=80) or "tep"
    ext = "".join(ch for ch in ext.lstrip(".").lower() if ch.isalnum())[:5]
    token = secrets.token_hex(8)
    return f"{stem}-{token}.{ext}" if ext else f"{stem}-{token}"


@deconstructible
class UploadTo:
    """`upload_to` for a FileField: `folder` (strftime codes allowed) and a random file name."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        folder = timezone.localtime().strftime(self.folder)
        return posixpath.join(folder, random_name(filename))

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder


def is_private(name):
    return (name or "").startswith(PRIVATE_PREFIX + "/")


def protected_file_response(fieldfile, filename, content_type=None, public=False, inline=False):
    """The stored file `fieldfile` as a download named `filename`, after the caller checked
    that the user may see it. `public` lets shared caches keep it; otherwise never cached.
    `inline` (pictures) lets the browser show it instead of saving it."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    accel = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(fieldfile.name)}"
    else:
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404("Không tìm thấy tệp.") from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response
