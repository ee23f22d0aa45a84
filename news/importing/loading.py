"""`Article` -> `news.Post` (the database half of the import).

A post remembers where it came from (`import_key`) and a checksum of what the import stored
(`import_checksum`). On a re-import the post's current content is hashed again: when it no
longer matches, an editor changed the post since, and it is kept unless `force` is given.
"""

import dataclasses
import datetime
import hashlib
import json

from django.utils import timezone
from django.utils.html import escape

from core.html import sanitize_html
from core.publishing import Status
from core.text import nfc
from news.models import Category, Post, WorkflowNote
from taxonomy.unit_matching import match_units, unit_vocabulary
from taxonomy.units import Unit
from taxonomy.vocabulary import active_vocabulary

from .keywords import keyword_warnings, match_keywords
from .parsing import CAPTION
from .topics import match_topics
from .warnings import import_warnings

IMPORT_CATEGORY = "Tin tức – Sự kiện"
CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


@dataclasses.dataclass
class PostResult:
    post: Post
    status: str  # CREATED, UPDATED, UNCHANGED or KEPT (edited since the import; not overwritten)
    tags: dict = dataclasses.field(default_factory=dict)  # tag name -> created/updated/unchanged


def render_body(blocks):
    """Paragraphs as <p>. A caption is left out: its picture is never in the copy, and a
    <figure> with a caption and no image is an empty frame; the caption's text goes to the
    editor in the import warnings, with the picture's file name when the page gave it."""
    return "\n".join(f"<p>{escape(b.text)}</p>" for b in blocks if b.kind != CAPTION)


def _publish_at(article):
    if article.published_on is None:
        return None
    at = datetime.datetime.combine(article.published_on, article.published_time or datetime.time())
    return timezone.make_aware(at)


def _fingerprint(values, tag_names, unit_ids=()):
    """sha256 of what the import sets (what an editor could change, and its notes), the tags
    and the units."""
    publish_at = values.get("publish_at")
    data = {
        "title": nfc(values["title"]),
        "summary": nfc(values["summary"]),
        "body": sanitize_html(values["body"]),
        "byline": nfc(values["byline"]),
        "source_name": nfc(values["source_name"]),
        "source_url": values["source_url"],
        "category": values["category_id"],
        "status": values["status"],
        "publish_at": publish_at.timestamp() if publish_at else None,
        "tags": sorted(nfc(t) for t in tag_names),
        "warnings": nfc(values["import_warnings"]),
        "source_views": values["source_view_count"],
    }
    if unit_ids:  # absent while none: the checksums of posts imported before units stay valid
        data["units"] = sorted(unit_ids)
    if values.get("source_headlines"):  # the same for posts imported before they were kept
        data["headlines"] = nfc(values["source_headlines"])
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


_FIELDS = (
    "title",
    "summary",
    "body",
    "byline",
    "source_name",
    "source_url",
    "import_warnings",
    "source_view_count",
    "source_headlines",
)


def post_fingerprint(post):
    """The checksum of `post` as it is stored now."""
    values = {f: getattr(post, f) for f in (*_FIELDS, "category_id", "status", "publish_at")}
    return _fingerprint(values, post.tags.names(), post.units.values_list("pk", flat=True))


def _values(article, category, notes=()):
    """The post's fields from `article` (`notes`: more warning lines). No certain date: a draft
    an editor dates, never published under the import time."""
    publish_at = _publish_at(article)
    return {
        "title": article.title,
        "summary": article.summary,
        "body": render_body(article.blocks),
        "byline": article.byline,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "import_warnings": "\n".join([*import_warnings(article), *notes]),
        "source_view_count": article.view_count,
        "source_headlines": "\n".join(article.listed_headlines),
        "category_id": category.pk,
        "status": Status.PUBLISHED if publish_at else Status.DRAFT,
        "publish_at": publish_at,
    }


def _find_post(key, legacy_key):
    """The post imported from `key`; one stored under the old key form takes the new key."""
    post = Post.objects.filter(import_key=key).first()
    if post is None and legacy_key:
        post = Post.objects.filter(import_key=legacy_key).first()
        if post is not None:
            Post.objects.filter(pk=post.pk).update(import_key=key)
            post.import_key = key
    return post


def save_post(article, *, key, force=False, legacy_key=""):
    """Create or update the post imported from `key`; returns a `PostResult`."""
    category, _ = Category.objects.get_or_create(name=IMPORT_CATEGORY)
    vocabulary = active_vocabulary()
    tag_names = match_topics(article.text, vocabulary, lead=article.lead)
    # The source's own tags propose topics too; the ones no topic matches go to the editor.
    from_keywords, unknown = match_keywords(article.keywords, vocabulary)
    tag_names += [name for name in from_keywords if name not in tag_names]
    units = match_units(article.text, unit_vocabulary())
    notes = [*keyword_warnings(article.keywords, unknown), *unit_notes(units)]
    wanted = _values(article, category, notes)
    post = _find_post(key, legacy_key)
    reason = f"Nhập tự động từ tệp {key}"

    if post is None:
        post = Post(import_key=key, **wanted)
        post.status_changed_at = timezone.now()
        status = CREATED
    else:
        edited = post_fingerprint(post) != post.import_checksum
        if edited and not force:
            return PostResult(post, KEPT)
        if not edited and _fingerprint(wanted, tag_names, units.unit_ids) == post.import_checksum:
            return PostResult(post, UNCHANGED, dict.fromkeys(tag_names, UNCHANGED))
        if post.status != wanted["status"] or post.status_changed_at is None:
            post.status_changed_at = timezone.now()
        for field, value in wanted.items():
            setattr(post, field, value)
        reason = f"Nhập lại từ tệp {key}"
        status = UPDATED

    post._change_reason = reason[:100]
    post.save()
    if status == CREATED and post.status == Status.PUBLISHED:
        # A trusted system action: published without a publisher, and recorded as such.
        WorkflowNote.objects.create(
            post=post, action=WorkflowNote.Action.PUBLISH, user=None, comment=reason
        )
    tags = _set_tags(post, tag_names)
    post.units.set(units.unit_ids)
    checksum = post_fingerprint(post)
    Post.objects.filter(pk=post.pk).update(import_checksum=checksum)
    post.import_checksum = checksum
    return PostResult(post, status, tags)


def unit_notes(units):
    """The units proposed, and the names that fit several units, for the editor to check."""
    notes = []
    if units.unit_ids:
        labels = {u.pk: u.label for u in Unit.objects.filter(pk__in=units.unit_ids)}
        names = ", ".join(labels[pk] for pk in units.unit_ids if pk in labels)
        notes.append(f"Đơn vị nhận ra trong bài (cần kiểm tra): {names}.")
    if units.ambiguous:
        names = ", ".join(f"“{phrase}”" for phrase in units.ambiguous)
        notes.append(f"Tên trùng nhiều đơn vị, chưa gán (hãy chọn): {names}.")
    return notes


def _set_tags(post, names):
    """Give `post` exactly the tags `names`; report each as created/updated/unchanged."""
    tag_model = post.tags.through.tag_model()
    existing = set(tag_model.objects.filter(name__in=names).values_list("name", flat=True))
    linked = set(post.tags.names())
    post.tags.set(names)
    result = {}
    for name in names:
        if name not in existing:
            result[name] = CREATED
        elif name not in linked:
            result[name] = UPDATED
        else:
            result[name] = UNCHANGED
    return result
