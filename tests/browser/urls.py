"""The site's URLconf plus uploads, so pictures show in the browser tests (DEBUG is off there)."""

from django.conf import settings
from django.urls import path

from dvsite.urls import handler500  # noqa: F401
from dvsite.urls import urlpatterns as site_urlpatterns
from ops.media import serve_media


def _media(request, path):
    # MEDIA_ROOT is a fresh folder per test (root conftest), so read it per request.
    return serve_media(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, path("media/<path:path>", _media)]
