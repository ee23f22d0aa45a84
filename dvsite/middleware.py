"""Security headers Django does not set on its own, and the client address behind a proxy.

- `ContentSecurityPolicyMiddleware`: django-csp's middleware, with one exception for the admin.
  The rich-text widget (django-prose-editor) loads its ES modules through an inline
  `<script type="importmap">`; import maps obey `script-src`, so the admin allows exactly that
  block by its SHA-256 hash. Scripts stay `'self'` only everywhere: no `'unsafe-inline'`.
  The editor (Tiptap) also injects a small `<style>` element, so admin pages allow inline
  *styles*; the public site does not.
- `PermissionsPolicyMiddleware`: switches off browser features the site never uses.
- `RequestBodyLimitMiddleware`: 413 for a body above the upload limit, before it is read.
- `AdminNoIndexMiddleware`: `X-Robots-Tag: noindex` on every admin response.
"""

import base64
import functools
import hashlib
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django_prose_editor.widgets import prose_editor_admin_media

from core.admin_path import is_admin_path
from core.client import client_ip  # noqa: F401 (AXES_CLIENT_IP_CALLABLE points here)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)


def script_hash(body):
    """The CSP source expression that allows an inline script with exactly this text."""
    digest = hashlib.sha256(body.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def admin_script_hashes():
    """Hashes of the inline script blocks the admin widgets render (the editor's import map)."""
    rendered = str(prose_editor_admin_media.render_importmap()[0])
    return tuple(script_hash(body) for body in _SCRIPT_BODY.findall(rendered))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_path(request.path_info):
            directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.update = {
                **(parts.update or {}),
                "script-src": [*directives["script-src"], *admin_script_hashes()],
                "style-src": [*directives["style-src"], UNSAFE_INLINE],
                "img-src": [*directives["img-src"], "data:"],
            }
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestBodyLimitMiddleware:
    """A request that announces a body above `REQUEST_BODY_MAX_BYTES` gets 413 at once, before
    anything reads (or spools to disk) a byte of it. nginx refuses them first in production
    (`client_max_body_size`); this covers gunicorn reached directly and other proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            response = HttpResponse(
                f"Dữ liệu gửi lên quá lớn: tối đa {limit // (1024 * 1024)} MB.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The unread body stays in the socket: the connection cannot be reused.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class AdminNoIndexMiddleware:
    """Every admin response says `X-Robots-Tag: noindex, nofollow`, so robots.txt need not name
    the admin path (which `DJANGO_ADMIN_URL` may keep secret)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request.path_info):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
