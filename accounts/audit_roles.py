"""Role and unit changes of staff accounts on record (core.audit): groups, single permissions,
a group's permissions, superuser and staff status, and the units an editor works for.

Receivers of Django's signals, so the admin's forms, `manage.py` commands and data loads are
all caught; the acting account and its address come from the request being answered.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from core import audit
from taxonomy.units import Unit

ROLE_FLAGS = {"is_superuser": "Quản trị tối cao", "is_staff": "Vào trang quản trị"}
VERBS = {"post_add": "thêm", "post_remove": "bỏ", "pre_clear": "bỏ hết"}


SHOWN_NAMES = 12


def _names(model, pks):
    """The rows' names, the first dozen (a group's permissions can be a hundred)."""
    names = sorted(str(row) for row in model._default_manager.filter(pk__in=pks))
    if len(names) > SHOWN_NAMES:
        return ", ".join(names[:SHOWN_NAMES]) + f" … và {len(names) - SHOWN_NAMES} mục khác"
    return ", ".join(names)


def _membership_changed(label, action_type, subject_side):
    """A receiver for one many-to-many: `subject_side` is the model whose row is audited."""

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in VERBS or getattr(instance, "_audit_raw", False):
            return  # a fixture or a restored backup loads rows as they were: not a change
        if action == "pre_clear":
            field = sender._meta.get_field(_other_side(sender, instance))
            pk_set = set(
                sender._default_manager.filter(
                    **{_own_side(sender, instance): instance.pk}
                ).values_list(field.attname, flat=True)
            )
            model = field.related_model
        if not pk_set:
            return
        if isinstance(instance, subject_side):
            audit.record(
                action_type,
                obj=instance,
                changes={label: f"{VERBS[action]}: {_names(model, pk_set)}"},
            )
            return
        # Changed from the other side (a group's or a unit's members): one entry per account.
        for subject in subject_side._default_manager.filter(pk__in=pk_set):
            audit.record(
                action_type,
                obj=subject,
                changes={label: f"{VERBS[action]}: {instance}"},
            )

    return receiver


def _own_side(through, instance):
    for field in through._meta.fields:
        if field.is_relation and isinstance(instance, field.related_model):
            return field.name
    raise LookupError(through)


def _other_side(through, instance):
    own = _own_side(through, instance)
    for field in through._meta.fields:
        if field.is_relation and field.name != own:
            return field.name
    raise LookupError(through)


def _mark_raw(sender, instance, raw=False, **kwargs):
    """Rows saved by loaddata (a restored backup) keep the flag for their relations' signals."""
    instance._audit_raw = raw


def _remember_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    _mark_raw(sender, instance, raw)
    if (
        raw
        or instance.pk is None
        or (update_fields is not None and not set(update_fields) & set(ROLE_FLAGS))
    ):
        instance._audit_flags = None
        return
    instance._audit_flags = (
        sender._default_manager.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    )


def _flags_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_flags", None)
    if created or not before:
        return
    changes = {
        label: f"{'có' if before[name] else 'không'} → {'có' if getattr(instance, name) else 'không'}"
        for name, label in ROLE_FLAGS.items()
        if before[name] != getattr(instance, name)
    }
    if changes:
        audit.record(audit.Action.ROLE_CHANGED, obj=instance, changes=changes)


def connect():
    user_model = get_user_model()
    receivers = [
        (user_model.groups.through, "Nhóm", audit.Action.ROLE_CHANGED, user_model),
        (user_model.user_permissions.through, "Quyền", audit.Action.ROLE_CHANGED, user_model),
        (Group.permissions.through, "Quyền của nhóm", audit.Action.ROLE_CHANGED, Group),
        (Unit.editors.through, "Đơn vị", audit.Action.UNIT_CHANGED, user_model),
    ]
    for through, label, action_type, subject in receivers:
        m2m_changed.connect(
            _membership_changed(label, action_type, subject),
            sender=through,
            weak=False,
            dispatch_uid=f"accounts.audit_roles.{through._meta.label}",
        )
    pre_save.connect(_remember_flags, sender=user_model, dispatch_uid="accounts.audit_roles.pre")
    for model in (Group, Unit):
        pre_save.connect(_mark_raw, sender=model, dispatch_uid=f"accounts.audit_roles.raw.{model}")
    post_save.connect(_flags_changed, sender=user_model, dispatch_uid="accounts.audit_roles.post")
