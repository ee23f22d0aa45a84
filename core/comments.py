"""Comments on drafts: on an item, or on a passage of its text, with replies and "đã giải
quyết". They stay through every save and move with a revision onto the live item
(core/revisions.py); the item's author (and, for a reply, the comment's author) gets an e-mail;
the history page lists them. Nothing of them is ever public.
"""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from core import audit
from core.dates import format_datetime
from core.desk_models import DraftComment
from core.text import nfc, strip_control_chars

BODY_MAX = 5000
QUOTE_MAX = 2000


def thread(item):
    """The item's comments, each with its replies (two queries, whatever their number)."""
    rows = list(DraftComment.for_item(type(item), item.pk).select_related("author", "resolved_by"))
    replies = {}
    for row in rows:
        if row.parent_id:
            replies.setdefault(row.parent_id, []).append(row)
    top = [row for row in rows if row.parent_id is None]
    for row in top:
        row.thread_replies = replies.get(row.pk, [])
    return top


def can_comment(item, user):
    return item.can_preview(user) and item.is_in_scope_of(user)


def _clean(text, limit, label):
    text = nfc(strip_control_chars(text or "", True)).strip()
    if len(text) > limit:
        raise ValidationError(f"{label} dài quá {limit} ký tự.")
    return text


def add(item, user, body, quote="", parent_id=None):
    """A comment (or, with `parent_id`, a reply) by `user` on `item`."""
    if not can_comment(item, user):
        raise PermissionDenied("Bạn không có quyền góp ý nội dung này.")
    body = _clean(body, BODY_MAX, "Góp ý")
    if not body:
        raise ValidationError("Hãy viết nội dung góp ý.")
    parent = None
    if parent_id not in (None, ""):
        parent = (
            DraftComment.for_item(type(item), item.pk)
            .filter(pk=int(parent_id) if str(parent_id).isdigit() else 0, parent__isnull=True)
            .first()
        )
        if parent is None:
            raise ValidationError("Không tìm thấy góp ý cần trả lời.")
    comment = DraftComment.objects.create(
        content_type=ContentType.objects.get_for_model(type(item), for_concrete_model=False),
        object_id=str(item.pk),
        author=user,
        body=body,
        quote="" if parent else _clean(quote, QUOTE_MAX, "Đoạn trích"),
        parent=parent,
    )
    changes = {"Góp ý": body[:200]}
    if comment.quote:
        changes["Đoạn"] = comment.quote[:200]
    audit.record(audit.Action.COMMENTED, user=user, obj=item, changes=changes)
    _notify(item, comment, user)
    return comment


def resolve(item, user, comment_id, resolved=True):
    """Mark a comment (and its thread) "đã giải quyết", or open it again."""
    comment = (
        DraftComment.for_item(type(item), item.pk)
        .filter(pk=int(comment_id) if str(comment_id).isdigit() else 0, parent__isnull=True)
        .first()
    )
    if comment is None:
        raise ValidationError("Không tìm thấy góp ý này.")
    if not (item.can_write(user) or comment.author_id == user.pk) or not can_comment(item, user):
        raise PermissionDenied("Bạn không có quyền đánh dấu góp ý này.")
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = user if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    audit.record(
        audit.Action.COMMENTED,
        user=user,
        obj=item,
        changes={"Đã giải quyết" if resolved else "Mở lại": comment.body[:200]},
    )
    return comment


def _notify(item, comment, user):
    """E-mail the item's author, and the author of the comment replied to (never the writer)."""
    recipients = {
        person.email
        for person in (item.created_by, comment.parent.author if comment.parent else None)
        if person is not None and person.email and person.pk != user.pk and person.is_active
    }
    if not recipients:
        return
    name = user.get_full_name() or user.get_username()
    subject = f"Góp ý mới về “{str(item)[:80]}”"
    lines = [f"{name} góp ý lúc {format_datetime(comment.created_at)}:", "", comment.body]
    if comment.quote:
        lines[1:1] = ["", f"Về đoạn: “{comment.quote[:300]}”"]
    transaction.on_commit(
        partial(
            send_mail,
            subject,
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            sorted(recipients),
            fail_silently=True,
        )
    )


def as_json(comments):
    def one(row):
        return {
            "id": row.pk,
            "author": (row.author.get_full_name() or row.author.get_username())
            if row.author
            else "",
            "at": format_datetime(row.created_at),
            "body": row.body,
            "quote": row.quote,
            "resolved": row.resolved_at is not None,
            "resolved_by": (row.resolved_by.get_username() if row.resolved_by else ""),
        }

    return [
        {**one(row), "replies": [one(reply) for reply in getattr(row, "thread_replies", [])]}
        for row in comments
    ]
