"""The one rule of who owes a second factor, and whether they have given it.

Everything that shows more than the public sees — previews of drafts and scheduled items at
their public URL, internal documents, private attachments, the admin — asks
`has_verified_access(user)` besides the user's permissions: a stolen password alone opens
nothing the public cannot see. dvsite/two_factor.py enforces the same rule in the admin.
"""

from django.conf import settings
from django_otp import user_has_device

from core import roles

_CACHE_ATTR = "_dvsite_owes_second_factor"


def second_factor_required(user):
    """Publishers and administrators, while `STAFF_SECOND_FACTOR_REQUIRED` is on: they must
    enrol before the admin (or any preview) opens."""
    if not getattr(settings, "STAFF_SECOND_FACTOR_REQUIRED", False):
        return False
    if user is None or not user.is_authenticated:
        return False
    return bool(
        user.is_superuser
        or user.groups.filter(name=roles.PUBLISHERS).exists()
        or any(perm.split(".")[-1].startswith("publish_") for perm in user.get_all_permissions())
    )


def _remembered(user, name, compute):
    """`compute()`, kept on a request's user (OTPMiddleware gave it `otp_device`), which lives for
    one request; a user object kept elsewhere asks again."""
    if not hasattr(user, "otp_device"):
        return compute()
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def has_confirmed_device(user):
    """The user enrolled an authenticator app or backup codes (once per request)."""
    if user is None or not user.is_authenticated:
        return False
    return _remembered(user, "device", lambda: user_has_device(user, confirmed=True))


def owes_second_factor(user):
    """Who must pass a second factor before seeing more than the public: those the setting
    obliges (`second_factor_required`), and whoever has a confirmed device (an editor who
    enrolled is asked for the code too)."""
    if user is None or not user.is_authenticated:
        return False
    return has_confirmed_device(user) or _remembered(
        user, "required", lambda: second_factor_required(user)
    )


def is_verified(user):
    """True when this session passed a second factor (django_otp's OTPMiddleware)."""
    return getattr(user, "otp_device", None) is not None


def has_verified_access(user):
    """May `user`'s permissions beyond the public's count in this request: they owe no second
    factor, or they gave it in this session."""
    if user is None or not user.is_authenticated:
        return True  # nothing beyond the public to guard: anonymous users have no permissions
    return not owes_second_factor(user) or is_verified(user)
