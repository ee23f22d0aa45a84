"""Staff accounts unused for `ACCOUNT_IDLE_DAYS` are disabled; only an administrator re-enables.

An account's last use is the later of its last sign-in (or, never signed in, its creation) and
the last time an administrator re-enabled it, so a re-enabled account has a fresh window without
pretending it signed in. `disable_idle_accounts()` is the rule; the daily task runs it through
django-tasks' database queue (`manage.py db_worker`), with no cron: each run queues the next one
a day later, and `migrate` (every deployment) queues the first when none is waiting.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone
from django_tasks import task

from core import audit, tasks
from core.models import AuditEntry

IDLE = "idle"


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.ACCOUNT_IDLE_DAYS)


def with_last_use(users):
    """`users` annotated with `last_use`: last sign-in (or creation), or the last re-enabling."""
    enabled = AuditEntry.objects.filter(
        action=audit.Action.ACCOUNT_ENABLED,
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-at")
    signed_in = Coalesce("last_login", "date_joined")
    return users.annotate(
        last_use=Greatest(signed_in, Coalesce(Subquery(enabled.values("at")[:1]), signed_in))
    )


def idle_accounts(now=None):
    """Active staff accounts unused since the cutoff."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return with_last_use(users).filter(last_use__lt=cutoff(now))


def disabled_for_idleness(now=None):
    """Disabled staff accounts whose last use is older than the cutoff (the admin's list)."""
    users = get_user_model().objects.filter(is_active=False, is_staff=True)
    return with_last_use(users).filter(last_use__lt=cutoff(now))


def disable_idle_accounts(now=None):
    """Disable every idle staff account; returns their user names. The last active
    administrator is kept, so someone can always re-enable the others."""
    disabled = []
    for user in idle_accounts(now).order_by("last_use"):
        if user.is_superuser and not _other_active_superuser(user):
            continue
        with transaction.atomic():
            type(user).objects.filter(pk=user.pk).update(is_active=False)
            audit.record(
                audit.Action.ACCOUNT_DISABLED,
                obj=user,
                changes={"reason": IDLE, "days": settings.ACCOUNT_IDLE_DAYS},
            )
        disabled.append(user.get_username())
    return disabled


def _other_active_superuser(user):
    return type(user).objects.filter(is_active=True, is_superuser=True).exclude(pk=user.pk).exists()


def set_active(user, active, request):
    """An administrator enables or disables `user` by hand (the user admin), recorded."""
    if user.is_active == active:
        return False
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = audit.Action.ACCOUNT_ENABLED if active else audit.Action.ACCOUNT_DISABLED
    audit.record(action, request=request, obj=user)
    return True


# -- the daily run, without cron (core.tasks) ------------------------------------------------------


@tasks.periodic
@task()
def disable_idle_accounts_daily():
    names = disable_idle_accounts()
    tasks.queue_next(disable_idle_accounts_daily)
    return names
