"""Whole-page caching for anonymous visitors, invalidated by every content change.

What is cached: GET responses (HEAD is answered from them) with status 200 to requests that carry
no session or message cookie and no Authorization header, outside the admin, when the response
sets no cookie and is not marked private/no-cache/no-store. The key holds only the query
parameters the page reads, and tracking ones are dropped; a request with any other parameter
is answered but not stored (dvsite/cache_params.py), so unique query strings cannot flood it. Staff always carry a session cookie,
so they — and their previews, which are never-cache anyway — never see a cached page.

Invalidation: every page key contains a *generation* of the kinds of content the page shows
(`PAGE_KINDS`, by URL name: the registry shows documents, a post also the documents it cites …;
any other page shows all). Each kind (an app's content: "news", "events", "docs_registry" …) has
its own generation, a random token kept in one cache entry together with the moment it stops
being valid. A save or delete of content (or a change of tag links) deletes the entries of the
kinds it changes (`changed_kinds`: its app; topics, shown everywhere, all), so the next request
starts new generations and every page showing that content is unreachable at once, while the
others stay cached: publishing a post leaves the registry and the calendar cached. A kind's
generation also ends at its next scheduled `publish_at` (one query, made once per generation)
and at the next local midnight (dates such as "today" in the calendar), so a scheduled item
appears on time. `PAGE_CACHE_SECONDS` (0 switches caching off) caps all.

The local-memory cache lives in each process, so with it each kind's generation also carries a
*stamp*: a token in a small file (`PAGE_CACHE_STAMP_FILE`.<kind>) that every invalidation of that
kind rewrites. Each request reads those of its page (microseconds), so an edit made in one
gunicorn worker, the admin or a management command reaches every worker of the machine at once.
With Redis the generation entries themselves are shared by every process and machine, and the
stamps are not used.

View counts of posts keep counting on cache hits: the detail view registers its post with
`count_view_on_hit()`, the entry remembers it, and hits that `core.view_counts` counts (one per
visitor per post per hour, robots never) add to a tally in the cache, written in batches by a
task every `VIEW_COUNT_FLUSH_SECONDS`, never on the request path.
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
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re
from taggit.models import ItemBase, TagBase

from core.publishing import ContentModel, Publishable, Status
from core.view_counts import count_view, view_counter  # noqa: F401 (flushed by tests)
from dvsite.cache_params import cache_query
from dvsite.reading_aids import cache_variant
from taxonomy.units import Succession, Unit

logger = logging.getLogger(__name__)

STATE_KEY = "pages:generation"
# Cookies that make a request personal: a session (staff, anyone logged in) or flash messages.
PERSONAL_COOKIES = (lambda: settings.SESSION_COOKIE_NAME, lambda: "messages")
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


# -- what a change changes ---------------------------------------------------------------------


UNIT_MODELS = (Unit, Succession)


@functools.cache
def changed_kinds(model):
    """The kinds of content (app labels) a save or delete of `model` changes; empty when its
    rows show on no public page. Rows of the shared content base (posts, events, documents,
    categories, about pages …) and tag links change their app's pages; topics, whose names show
    on every kind's pages, change all; a many-to-many table, both sides. Revisions change none:
    the save that made one already counted."""
    meta = model._meta
    if meta.model_name.startswith("historical"):
        return frozenset()
    if meta.auto_created:
        # A link to a unit (an item's units) changes the item's side only.
        return frozenset().union(
            *(
                changed_kinds(field.related_model)
                for field in meta.fields
                if field.is_relation and field.related_model not in UNIT_MODELS
            )
        )
    if model in UNIT_MODELS:
        return content_kinds()  # units' names and history show on every kind's pages
    if issubclass(model, (ContentModel, ItemBase)) and meta.app_label in content_kinds():
        return frozenset({meta.app_label})
    if issubclass(model, (TagBase, ItemBase)):
        return content_kinds()
    return frozenset()


@functools.cache
def content_kinds():
    """Every kind of content: the apps with models on the shared content base."""
    return frozenset(
        model._meta.app_label
        for model in apps.get_models()
        if issubclass(model, ContentModel) and not model._meta.model_name.startswith("historical")
    )


# What each page shows, by URL name: it is rendered again only when one of these kinds changes.
# Every other page (home, search, topics, feeds, sitemaps, about pages …) shows every kind.
PAGE_KINDS = {
    "news:list": {"news"},
    "news:category": {"news"},
    "news:detail": {"news", "docs_registry", "practices"},  # "Văn bản liên quan", the models box
    "events:list": {"events"},
    "events:calendar": {"events"},
    "events:calendar_current": {"events"},
    "events:detail": {"events", "news"},  # the posts reporting it
    "events:ics": {"events"},
    "events:feed": {"events"},
    "docs_registry:list": {"docs_registry"},
    "docs_registry:csv": {"docs_registry"},
    "docs_registry:xlsx": {"docs_registry"},
    "docs_registry:detail": {"docs_registry", "news", "voice"},  # posts citing it, comments
    "schedule:week": {"schedule"},
    "schedule:print": {"schedule"},
    "schedule:ics": {"schedule"},
    "practices:list": {"practices"},
    "practices:csv": {"practices"},
    "practices:xlsx": {"practices"},
    "practices:summary": {"practices"},
    "practices:rss": {"practices"},
    # the posts about it, its recognitions' documents
    "practices:detail": {"practices", "news", "docs_registry"},
}


def page_kinds(request):
    """The kinds of content the page at `request.path_info` shows (None: all)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return PAGE_KINDS.get(match.view_name)


# -- the generation ---------------------------------------------------------------------------


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_cache_seconds():
    """How long shared page parts are kept at most (core/fragments.py; 0 = off)."""
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def _generation_seconds():
    return max(page_cache_seconds(), fragment_cache_seconds())


def publishable_models(kind=None):
    """Every concrete model built on the publishing base (of one kind), from the app registry."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and kind in (None, model._meta.app_label)
    ]


def next_scheduled(now, kind=None):
    """The earliest `publish_at` still in the future of any published item (of one kind)."""
    # The complement of `published()` among published rows: those whose time has not come.
    parts = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values("publish_at")
        for model in publishable_models(kind)
    ]
    if not parts:
        return None
    row = parts[0].union(*parts[1:], all=True).order_by("publish_at").first()
    return row["publish_at"] if row else None


def _next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(tomorrow, timezone.get_current_timezone())


def _per_process_cache():
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _stamp_path(kind):
    return f"{os.fspath(settings.PAGE_CACHE_STAMP_FILE)}.{kind}"


def read_stamp(kind):
    """The machine-wide invalidation token of a kind of content ("" when the cache is shared or
    nothing was written)."""
    if not _per_process_cache():
        return ""
    try:  # raw reads: every request reads the stamps of its page
        descriptor = os.open(_stamp_path(kind), os.O_RDONLY)
    except OSError:
        return ""
    try:
        return os.read(descriptor, 64).decode("ascii", "replace")
    finally:
        os.close(descriptor)


def write_stamp(kinds=None):
    """Tell every process of this machine that content of these kinds (default: all) changed:
    an atomic rename of a new token per kind."""
    if not _per_process_cache():
        return
    for kind in content_kinds() if kinds is None else kinds:
        path = Path(_stamp_path(kind))
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            temporary.write_text(uuid.uuid4().hex)
            os.replace(temporary, path)
        except OSError:
            logger.warning("Could not write the page-cache stamp %s", path, exc_info=True)


def _state_key(kind):
    return f"{STATE_KEY}:{kind}"


def generation(kinds=None, now=None):
    """(token, valid_until) of the current generation of these kinds of content (default: all;
    none: only the cache time), starting a new one for each kind whose generation ended.

    Each kind's generation ends when content of that kind changes, at its next scheduled
    publication, at local midnight, and after the cache time."""
    now = now or timezone.now()
    kinds = sorted(content_kinds() if kinds is None else kinds)
    states = cache.get_many([_state_key(kind) for kind in kinds])
    tokens, valid_until = [], None
    for kind in kinds:
        stamp = read_stamp(kind)
        state = states.get(_state_key(kind))
        if state is None or state[1] <= now or state[2] != stamp:
            until = now + datetime.timedelta(seconds=_generation_seconds())
            for limit in (next_scheduled(now, kind), _next_midnight(now)):
                if limit is not None and limit < until:
                    until = limit
            state = (uuid.uuid4().hex[:12], until, stamp)
            cache.set(_state_key(kind), state, max(1, int((until - now).total_seconds())))
        tokens.append(state[0])
        valid_until = state[1] if valid_until is None else min(valid_until, state[1])
    if valid_until is None:  # no kind: what depends on no content lasts the cache time
        valid_until = now + datetime.timedelta(seconds=_generation_seconds())
    return "-".join(tokens), valid_until


def fragment_generation(kinds=None):
    """(token, seconds left) of the generation for core.fragments, None when they are off."""
    if fragment_cache_seconds() <= 0:
        return None
    now = timezone.now()
    token, until = generation(kinds, now)
    return token, int(min(fragment_cache_seconds(), (until - now).total_seconds()))


def invalidate(kinds=None):
    """Drop every cached page and fragment showing content of these kinds (default: all): now,
    and again once the transaction commits."""
    if _generation_seconds() <= 0:
        return
    kinds = content_kinds() if kinds is None else frozenset(kinds)
    keys = [_state_key(kind) for kind in kinds]
    cache.delete_many(keys)
    write_stamp(kinds)

    def after_commit():
        cache.delete_many(keys)
        write_stamp(kinds)

    transaction.on_commit(after_commit)


def _content_changed(sender, **kwargs):
    if isinstance(sender, type) and (kinds := changed_kinds(sender)):
        invalidate(kinds)


def connect_signals():
    """Called from DvsiteConfig.ready(): any save/delete/m2m change of content invalidates the
    pages and fragments showing its kind."""
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


def page_key(request, token, query=None):
    """The entry of this page: its URL with only the parameters it reads (dvsite/cache_params.py),
    and the reader's text size and contrast (dvsite/reading_aids.py), which the page carries."""
    query = cache_query(request) if query is None else query
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}#{cache_variant(request)}"
    return f"pages:{token}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; place it right after WhiteNoise in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not is_cacheable_request(request):
            return self.get_response(request)
        query = cache_query(request)
        if query is None:  # a parameter this page does not read: answered, never stored
            return self.get_response(request)
        now = timezone.now()
        token, until = generation(page_kinds(request), now)
        key = page_key(request, token, query)
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
