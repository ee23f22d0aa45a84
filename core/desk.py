"""The desk's rules for two people and one item: who has it open (a heartbeat while the form is
open), the explicit lock, the autosaved form, and whether a save comes from an older version.

Plain functions over `core.desk_models`, called by the admin (core/admin_desk_views.py); each
costs a query or two and touches no cache, so the heartbeat and autosave stay cheap.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import audit
from core.desk_models import AutosaveDraft, EditSession

# A form whose heartbeat was not heard for this long is closed (the script beats every 20 s).
PRESENCE_SECONDS = 60
# The largest autosaved form kept (characters of JSON): a post's body is at most 200,000.
AUTOSAVE_MAX_CHARS = 1_000_000


def _type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def heartbeat(model, object_id, user, now=None):
    """`user` has the form of this item open now; returns the others' sessions (open ones and
    the lock, whoever holds it), with their users."""
    now = now or timezone.now()
    content_type = _type(model)
    key = {"content_type": content_type, "object_id": str(object_id), "user": user}
    if not EditSession.objects.filter(**key).update(seen_at=now):
        try:
            with transaction.atomic():
                EditSession.objects.create(seen_at=now, **key)
        except IntegrityError:  # the same user's other tab beat at the same moment
            pass
    return others(model, object_id, user, now)


def others(model, object_id, user, now=None):
    """Sessions of other users on this item that are open or hold the lock."""
    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=PRESENCE_SECONDS)
    return list(
        EditSession.for_item(model, object_id)
        .exclude(user=user)
        .filter(Q(seen_at__gte=since) | Q(locked_at__isnull=False))
        .select_related("user")
        .order_by("seen_at")
    )


def leave(model, object_id, user):
    """The form was closed or saved: the user's session goes, unless it holds the lock."""
    EditSession.for_item(model, object_id).filter(user=user, locked_at__isnull=True).delete()


def lock_holder(model, object_id):
    session = (
        EditSession.for_item(model, object_id)
        .filter(locked_at__isnull=False)
        .select_related("user")
        .first()
    )
    return session.user if session is not None else None


class LockRefused(Exception):
    pass


def lock(item, user):
    """`user` takes the explicit lock of `item` (who may edit it); refused while another holds
    it."""
    if not item.can_edit(user):
        raise LockRefused("Bạn không có quyền sửa nội dung này.")
    model, object_id = type(item), item.pk
    with transaction.atomic():
        holder = lock_holder(model, object_id)
        if holder is not None and holder.pk != user.pk:
            raise LockRefused(f"{display_name(holder)} đang giữ khóa nội dung này.")
        session, _ = EditSession.objects.get_or_create(
            content_type=_type(model), object_id=str(object_id), user=user
        )
        session.locked_at = session.seen_at = timezone.now()
        session.save(update_fields=["locked_at", "seen_at"])
    audit.record(audit.Action.LOCKED, user=user, obj=item)


def unlock(item, user):
    """The holder, or a publisher of this kind of item, releases the lock."""
    model = type(item)
    holder = lock_holder(model, item.pk)
    if holder is None:
        return
    if holder.pk != user.pk and not item.can_publish(user):
        raise LockRefused("Chỉ người giữ khóa hoặc người duyệt tin mới mở khóa được.")
    EditSession.for_item(model, item.pk).update(locked_at=None)
    changes = {} if holder.pk == user.pk else {"Khóa của": holder.get_username()}
    audit.record(audit.Action.UNLOCKED, user=user, obj=item, changes=changes)


def display_name(user):
    return user.get_full_name() or user.get_username()


# -- autosave -----------------------------------------------------------------------------------


def autosave(model, object_id, user, data, base_version=0, now=None):
    """Keep `user`'s unsaved form of this item (object_id "" for a new one)."""
    now = now or timezone.now()
    content_type = _type(model)
    key = {"content_type": content_type, "object_id": str(object_id or ""), "user": user}
    values = {"data": data, "base_version": base_version, "saved_at": now}
    if not AutosaveDraft.objects.filter(**key).update(**values):
        try:
            with transaction.atomic():
                AutosaveDraft.objects.create(**key, **values)
        except IntegrityError:
            AutosaveDraft.objects.filter(**key).update(**values)
    return now


def draft_of(model, object_id, user):
    return AutosaveDraft.for_item(model, object_id or "").filter(user=user).first()


def discard(model, object_id, user):
    AutosaveDraft.for_item(model, object_id or "").filter(user=user).delete()


def form_data(post, field_names):
    """The form's fields from a POST (a QueryDict): one value, or a list for multiple ones."""
    data = {}
    for name in field_names:
        if name in post:
            values = post.getlist(name)
            data[name] = values[0] if len(values) == 1 else values
    return data
