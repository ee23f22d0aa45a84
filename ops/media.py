"""Serving uploads safely: the rules nginx applies in production, for `runserver` in DEBUG.

Uploaded files are never served as something a browser would run: SVG, HTML and scripts are
refused outright (an SVG can carry a script), documents are sent as attachments, and every
response says `nosniff` so the browser trusts the declared type, not the bytes.
"""

import posixpath
from pathlib import PurePosixPath

from django.http import Http404
from django.views.static import serve

from core.uploads import is_private

# Never served from media, whatever their content: they can run script in the site's origin.
REFUSED_SUFFIXES = frozenset({".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml", ".js", ".mjs"})
# Downloaded, never displayed inline (same list as deploy/nginx/dvsite.conf).
ATTACHMENT_SUFFIXES = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf"}
    | {".zip", ".rar", ".7z", ".txt", ".csv"}
)


def serve_media(request, path, document_root=None):
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise Http404("Loại tệp này không được phục vụ.")
    if is_private(posixpath.normpath("/" + path).lstrip("/") + "/"):
        # Private files go through the download views' visibility check, never /media/.
        raise Http404("Không tìm thấy tệp.")
    response = serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    if suffix in ATTACHMENT_SUFFIXES:
        response["Content-Disposition"] = f'attachment; filename="{PurePosixPath(path).name}"'
    return response


def object_parameters(name, parameters):
    """Headers stored with an uploaded object in S3: the rules above, for a bucket or CDN."""
    suffix = PurePosixPath(name).suffix.lower()
    parameters = {**parameters}
    if suffix in ATTACHMENT_SUFFIXES:
        parameters["ContentDisposition"] = "attachment"
    if suffix in REFUSED_SUFFIXES:
        # Never rendered by a browser, whatever the bucket's own type guess says.
        parameters["ContentType"] = "application/octet-stream"
        parameters["ContentDisposition"] = "attachment"
    return parameters
