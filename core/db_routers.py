"""Read replica routing: the public site reads from the replica, everything else uses the primary.

Enabled only when DATABASE_REPLICA_URL is set (see settings). Requests that may write — any
non-GET/HEAD method, the admin, a logged-in editor — are pinned to the primary for their whole
duration, so an editor always sees what they just saved (replication lag never shows).
"""

import threading

from django.conf import settings

_state = threading.local()


def use_primary():
    return getattr(_state, "primary", True)


class ReplicaRouter:
    """Reads go to "replica" unless the current request is pinned to the primary."""

    def db_for_read(self, model, **hints):
        return "default" if use_primary() else "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases are the same database (one is a copy of the other).
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryPinningMiddleware:
    """Decides, per request, whether reads may use the replica.

    Outside a request (management commands, shells, tests) reads use the primary.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _state.primary = (
            request.method not in self.SAFE_METHODS
            or request.path_info.startswith("/" + settings.ADMIN_URL)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        try:
            return self.get_response(request)
        finally:
            _state.primary = True
