"""What django-axes (login throttling) shows a locked-out staff member (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """The page shown when django-axes refuses a login: in Vietnamese, with the wait in minutes."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=429)
