"""The admin signs a staff member out after `ADMIN_IDLE_MINUTES` without a request.

A stolen laptop, an office computer left open: the admin's session ends after a few minutes of
inactivity (5 in production, 60 in development; `DJANGO_ADMIN_IDLE_MINUTES`, 0 = never). Only
requests under the admin path count and are checked; the public site's sessions are untouched.
The admin's pages load `core/admin_idle.js`, which warns a minute before the end and keeps the
session with "Tiếp tục làm việc" (a request to `keep_alive`).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.admin_path import is_admin_path

SESSION_KEY = "admin_last_activity"
# The script's own check ("how long is left?") is not activity; its "keep working" is.
CHECK_PARAMETER = "kiem-tra"


def idle_seconds():
    return max(0, int(getattr(settings, "ADMIN_IDLE_MINUTES", 0) or 0) * 60)


def seconds_left(request, now=None):
    """Seconds until this session's admin times out (None: no timeout, or never active)."""
    limit = idle_seconds()
    last = request.session.get(SESSION_KEY)
    if not limit or last is None:
        return None
    return limit - ((now or time.time()) - last)


def expired_message():
    minutes = idle_seconds() // 60
    return (
        f"Phiên làm việc đã hết hạn do không hoạt động trong {minutes} phút. "
        "Vui lòng đăng nhập lại."
    )


class AdminIdleMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            idle_seconds()
            and is_admin_path(request.path_info)
            and user is not None
            and user.is_authenticated
            and user.is_staff
        ):
            now = time.time()
            left = seconds_left(request, now)
            if left is not None and left <= 0:
                logout(request)
                messages.warning(request, expired_message())
                if request.path_info == reverse("admin_keep_alive"):
                    return JsonResponse({"seconds_left": 0, "login": reverse("admin:login")})
                login = reverse("admin:login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            keep_alive = request.path_info == reverse("admin_keep_alive")
            if CHECK_PARAMETER in request.GET:
                pass  # a script's check (time left, the edit form's heartbeat) is not activity
            elif keep_alive or left is None or idle_seconds() - left >= renew_after():
                request.session[SESSION_KEY] = now
        return self.get_response(request)


def renew_after():
    """Seconds between two writes of the timestamp: not on every request (each would write the
    session), a tenth of the window, a minute at most; the session ends at most that much early."""
    return min(60, idle_seconds() // 10)


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    """The window starts at sign-in."""
    if request is not None and hasattr(request, "session") and user.is_staff:
        request.session[SESSION_KEY] = time.time()


@never_cache
@require_safe
def keep_alive(request):
    """How many seconds the admin session has left; without `?kiem-tra` the request itself is
    activity (the middleware has just renewed it)."""
    if not (request.user.is_authenticated and request.user.is_staff):
        return JsonResponse({"seconds_left": 0, "login": reverse("admin:login")}, status=403)
    left = seconds_left(request)
    return JsonResponse({"seconds_left": None if left is None else max(0, int(left))})
