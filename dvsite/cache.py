"""Whole-page caching for anonymous visitors, invalidated by every content change.

What is cached: GET responses (HEAD is answered from them) with status 200 to requests that carry
no session or message cookie and no Authorization header, outside the admin, when the response
sets no cookie and is not marked private/no-cache/no-store. Staff always carry a session cookie,
so they — and their previews, which are never-cache anyway — never see a cached page.

Invalidation: every page key contains a *generation*, a random token kept in one cache entry
together with the moment it stops being valid. Any save or delete of content (and any change of
tag links) deletes that entry, so the next request starts a new generation and every older page
is unreachable at once. The generation also ends at the next scheduled `publish_at` (one query,
made once per generation) and at the next local midnight (dates such as "today" in the calendar),
so a scheduled item appears on time. `PAGE_CACHE_SECONDS` (0 switches caching off) caps all.

The local-memory cache lives in each process, so with it the generation also carries a *stamp*:
a token in a small file (`PAGE_CACHE_STAMP_FILE`) that every invalidation rewrites. Each request
reads it (microseconds), so an edit made in one gunicorn worker, the admin or a management command
reaches every worker of the machine at once. With Redis the generation entry itself is shared by
every process and machine, and the stamp is not used.

View counts of posts keep counting on cache hits: the detail view registers its post with
`count_view_on_hit()`, the entry remembers it, and hits that `core.view_counts` counts (one per
visitor per post per hour, robots never) add to an in-process counter that is written with one
UPDATE per post at most every `PAGE_CACHE_VIEW_FLUSH_SECONDS`.
"""

import datetime
import functools
import hashlib
import logging
import os
import threading
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import signals
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re
from taggit.models import ItemBase, TagBase

from core.publishing import ContentModel, Publishable, Status
from core.view_counts import count_view, view_counter  # noqa: F401 (flushed by tests)

logger = logging.getLogger(__name__)

STATE_KEY = "pages:generation"
# Cookies that make a request personal: a session (staff, anyone logged in) or flash messages.
PERSONAL_COOKIES = (lambda: settings.SESSION_COOKIE_NAME, lambda: "messages")
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_cache_seconds():
    """How long shared page parts are kept at most (core/fragments.py; 0 = off)."""
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def _generation_seconds():
    return max(page_cache_seconds(), fragment_cache_seconds())


# -- the generation ---------------------------------------------------------------------------


def publishable_models():
    """Every concrete model built on the publishing base, found in the app registry."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def next_scheduled(now):
    """The earliest `publish_at` still in the future of any published item of any content model."""
    # The complement of `published()` among published rows: those whose time has not come.
    parts = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values("publish_at")
        for model in publishable_models()
    ]
    row = parts[0].union(*parts[1:], all=True).order_by("publish_at").first()
    return row["publish_at"] if row else None


def _next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(tomorrow, timezone.get_current_timezone())


def _per_process_cache():
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def read_stamp():
    """The machine-wide invalidation token ("" when the cache is shared or nothing was written)."""
    if not _per_process_cache():
        return ""
    try:
        return Path(settings.PAGE_CACHE_STAMP_FILE).read_text()
    except OSError:
        return ""


def write_stamp():
    """Tell every process of this machine that content changed (atomic rename of a new token)."""
    if not _per_process_cache():
        return
    path = Path(settings.PAGE_CACHE_STAMP_FILE)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        temporary.write_text(uuid.uuid4().hex)
        os.replace(temporary, path)
    except OSError:
        logger.warning("Could not write the page-cache stamp %s", path, exc_info=True)


def generation(now=None):
    """(token, valid_until) of the current generation, starting a new one when needed."""
    now = now or timezone.now()
    stamp = read_stamp()
    state = cache.get(STATE_KEY)
    if state is not None and state[1] > now and state[2] == stamp:
        return state[:2]
    until = now + datetime.timedelta(seconds=_generation_seconds())
    for limit in (next_scheduled(now), _next_midnight(now)):
        if limit is not None and limit < until:
            until = limit
    state = (uuid.uuid4().hex[:16], until, stamp)
    cache.set(STATE_KEY, state, max(1, int((until - now).total_seconds())))
    return state[:2]


def fragment_generation():
    """(token, seconds left) of the generation for core.fragments, None when they are off."""
    if fragment_cache_seconds() <= 0:
        return None
    now = timezone.now()
    token, until = generation(now)
    return token, int(min(fragment_cache_seconds(), (until - now).total_seconds()))


def invalidate(**kwargs):
    """Drop every cached page and fragment: now, and again once the transaction commits."""
    if _generation_seconds() <= 0:
        return
    cache.delete(STATE_KEY)
    write_stamp()

    def after_commit():
        cache.delete(STATE_KEY)
        write_stamp()

    transaction.on_commit(after_commit)


@functools.cache
def is_content_model(model):
    """Whether rows of `model` show on public pages: models on the shared content base (posts,
    events, documents, categories, about pages …), topics and their links, and the many-to-many
    tables between them. Revisions are not: the save that made one already counted."""
    meta = model._meta
    if meta.model_name.startswith("historical"):
        return False
    if meta.auto_created:
        return any(
            is_content_model(field.related_model) for field in meta.fields if field.is_relation
        )
    return issubclass(model, (ContentModel, TagBase, ItemBase))


def _content_changed(sender, **kwargs):
    if isinstance(sender, type) and is_content_model(sender):
        invalidate()


def connect_signals():
    """Called from DvsiteConfig.ready(): any save/delete/m2m change of content invalidates."""
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"dvsite.cache.{id(signal)}")


# -- the middleware -----------------------------------------------------------------------------


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith("/" + settings.ADMIN_URL):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name() in request.COOKIES for name in PERSONAL_COOKIES)


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    return "*" not in response.get("Vary", "")


def page_key(request, token):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pages:{token}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; place it right after WhiteNoise in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not is_cacheable_request(request):
            return self.get_response(request)
        now = timezone.now()
        token, until = generation(now)
        key = page_key(request, token)
        entry = cache.get(key)
        if entry is not None:
            status, headers, content, view = entry
            if view is not None:
                count_view(request, *view)
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(response):
            timeout = int(min(seconds, (until - now).total_seconds()))
            if timeout > 0:
                entry = (
                    response.status_code,
                    dict(response.items()),
                    response.content,
                    getattr(request, "counted_view", None),
                )
                cache.set(key, entry, timeout)
            response["X-Page-Cache"] = "miss"
        return response
