"""Draft over live: a revised version of a published item, kept as a row of its own.

The revision is an ordinary draft (`revision_of` points at the live item): its author edits and
submits it, the public keeps seeing the live item, and only a publisher's approval copies the
revision's content onto the live row (a new entry in its history) and removes the revision.

The revision row is a working copy, not a record: the one record of content changes is the
item's history (django-simple-history). On approval the revision's own history entries (who
started it, each save, its submission) move onto the live item, so its history page tells the
whole story and no entry is left pointing at a row that no longer exists.
"""

from django.db import transaction

from core import audit
from core.desk_models import AutosaveDraft, DraftComment, EditSession

# Fields that belong to the row, not to its content: never copied either way.
ROW_FIELDS = {
    "id",
    "slug",
    "status",
    "publish_at",
    "status_changed_at",
    "status_changed_by",
    "created_at",
    "created_by",
    "updated_at",
    "search_title",
    "search_text",
    "sent_back",
    "sent_back_comment",
    "revision_of",
    "version",
    "approval_step",
    "go_live_at",
    "view_count",
    "import_key",
    "import_checksum",
}


def _content_fields(model):
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in ROW_FIELDS
    ]


def _many_to_many(model):
    """Accessor names of the item's many-to-many relations (tags, cited posts), both
    directions, except a model's relation to itself seen from the other end."""
    names = [f.name for f in model._meta.many_to_many]
    for rel in model._meta.related_objects:
        if rel.many_to_many and rel.related_model is not model:
            names.append(rel.get_accessor_name())
    return names


def _children(model):
    """One-to-many relations whose rows belong to the item (attachments, workflow notes)."""
    throughs = {getattr(model, name).through for name in _many_to_many(model)}
    return [
        rel
        for rel in model._meta.related_objects
        if rel.one_to_many
        and rel.related_model not in throughs
        and rel.related_model is not model
        and rel.field.name != "revision_of"
    ]


def copy_content(source, target):
    for f in _content_fields(type(source)):
        setattr(target, f.attname, getattr(source, f.attname))


def copy_relations(source, target):
    for name in _many_to_many(type(source)):
        getattr(target, name).set(list(getattr(source, name).all()))


@transaction.atomic
def start(live, user):
    """The open revision of `live`, made now if there is none: a draft copy by `user`."""
    model = type(live)
    existing = model._default_manager.filter(revision_of=live).order_by("pk").first()
    if existing is not None:
        return existing
    revision = model()
    copy_content(live, revision)
    revision.revision_of = live
    revision.created_by = revision.updated_by = user
    revision._change_reason = "Bắt đầu bản sửa của bài đang công khai"
    revision.save()
    copy_relations(live, revision)
    audit.record(
        audit.Action.CREATED,
        user=user if getattr(user, "pk", None) else None,
        obj=revision,
        changes={"Bản sửa của": f"{live} (#{live.pk})"},
    )
    return revision


@transaction.atomic
def apply(revision, user):
    """Copy the approved `revision` onto its live item, move its children there, delete it."""
    live = type(revision)._default_manager.select_for_update().get(pk=revision.revision_of_id)
    copy_content(revision, live)
    live.updated_by = user
    live._change_reason = "Duyệt bản sửa"
    live.save()
    copy_relations(revision, live)
    for rel in _children(type(revision)):
        rel.related_model._default_manager.filter(**{rel.field.name: revision}).update(
            **{rel.field.name: live}
        )
    revision_pk = revision.pk
    _move_desk_rows(type(live), revision_pk, live.pk)
    revision.delete()
    _move_history(type(live), revision_pk, live.pk)
    audit.record(
        audit.Action.APPROVED,
        user=user if getattr(user, "pk", None) else None,
        obj=live,
        changes={"Bản sửa": f"#{revision_pk}"},
    )
    return live


def _move_desk_rows(model, revision_pk, live_pk):
    """The conversation about the revision stays with the item; its open forms go."""
    DraftComment.for_item(model, revision_pk).update(object_id=str(live_pk))
    AutosaveDraft.for_item(model, revision_pk).delete()
    EditSession.for_item(model, revision_pk).delete()


def _move_history(model, revision_pk, live_pk):
    history = getattr(model, "history", None)
    if history is None:
        return
    entries = history.filter(id=revision_pk)
    # The working copy's removal is not a change of the item: its "deleted" entry goes.
    entries.filter(history_type="-").delete()
    entries.update(id=live_pk)
