"""Account events into the security log, through its one writer (`core.audit.record`).

Sign-in, failed sign-in (the typed name, never the password), sign-out, lock-out, the second
factor added or removed, a password changed, and a request the admin refused (403). Each event
writes one `AuditEntry` row and its JSON line on the `dvsite.security` logger; nothing here
writes either by itself. Connected in `AccountsConfig.ready()`.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from accounts import lockout
from core import audit
from core.admin_path import is_admin_path

DEVICE_MODELS = (TOTPDevice, StaticDevice)
DEVICE_KIND = {TOTPDevice: "Ứng dụng xác thực", StaticDevice: "Mã dự phòng"}


@receiver(user_logged_in, dispatch_uid="dvsite_security_login")
def _logged_in(sender, request, user, **kwargs):
    audit.record(audit.Action.LOGIN, user=user, request=request)


@receiver(user_logged_out, dispatch_uid="dvsite_security_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="dvsite_security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password; only the typed name is kept.
    username = lockout.clean_name((credentials or {}).get("username"))
    audit.record(
        audit.Action.LOGIN_FAILED,
        request=request,
        username=username,
        outcome=audit.Outcome.FAILED,
    )


@receiver(user_locked_out, dispatch_uid="dvsite_security_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    lock = lockout.lock_kind(request, username)
    audit.record(
        audit.Action.LOCKED_OUT,
        request=request,
        username=str(username or ""),
        outcome=audit.Outcome.REFUSED,
        changes={"lock": lock},
    )
    lockout.tell_owner_once(username, ip_address, lock)


# -- the second factor ----------------------------------------------------------------------


def _connect_devices():
    for model in DEVICE_MODELS:
        pre_save.connect(_device_before, sender=model, dispatch_uid=f"dvsite_2fa_pre_{model}")
        post_save.connect(_device_saved, sender=model, dispatch_uid=f"dvsite_2fa_post_{model}")
        post_delete.connect(_device_deleted, sender=model, dispatch_uid=f"dvsite_2fa_del_{model}")


def _device_before(sender, instance, update_fields=None, **kwargs):
    """Was the device confirmed before this save? Asked only when `confirmed` may change (a
    TOTP device is saved at every code it checks, with other fields only)."""
    if instance.pk is None or (update_fields is not None and "confirmed" not in update_fields):
        instance._dvsite_was_confirmed = None
        return
    instance._dvsite_was_confirmed = sender._default_manager.filter(
        pk=instance.pk, confirmed=True
    ).exists()


def _device_saved(sender, instance, created, **kwargs):
    was = getattr(instance, "_dvsite_was_confirmed", None)
    if instance.confirmed and (created or was is False):
        _record_device(audit.Action.SECOND_FACTOR_ADDED, sender, instance)
    elif not instance.confirmed and was is True:
        _record_device(audit.Action.SECOND_FACTOR_REMOVED, sender, instance)


def _device_deleted(sender, instance, **kwargs):
    if instance.confirmed:
        _record_device(audit.Action.SECOND_FACTOR_REMOVED, sender, instance)


def _record_device(action, model, device):
    user = device.user
    audit.record(action, user=user, obj=user, changes={"device": DEVICE_KIND[model]})


# -- passwords --------------------------------------------------------------------------------


@receiver(post_save, sender=get_user_model(), dispatch_uid="dvsite_security_user_created")
def _user_saved(sender, instance, created, **kwargs):
    # `AbstractBaseUser.save()` announces a new password after this signal: a new account's
    # first password is no change.
    instance._dvsite_just_created = created


class PasswordChangeRecorder:
    """A password "validator" that validates nothing: Django calls `password_changed()` on every
    validator when a user's new password is saved (own change, an administrator's, a reset)."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or getattr(user, "_dvsite_just_created", False):
            return
        # The request in progress (simple_history's middleware keeps it): who set the password
        # and from where. Someone else setting it (an administrator) is a reset.
        request = getattr(HistoricalRecords.context, "request", None)
        actor = getattr(request, "user", None)
        if actor is not None and actor.is_authenticated and actor.pk != user.pk:
            audit.record(audit.Action.PASSWORD_RESET, request=request, obj=user)
        else:
            audit.record(audit.Action.PASSWORD_CHANGED, user=user, request=request, obj=user)

    def get_help_text(self):
        return ""


# -- refused admin requests ---------------------------------------------------------------------


class RefusedAdminRequestMiddleware:
    """Records every 403 the admin answers (a missing permission, a failed CSRF check, a crafted
    POST): who, which path and method, from where. Place after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 and is_admin_path(request.path_info):
            audit.record(
                audit.Action.REFUSED,
                request=request,
                outcome=audit.Outcome.REFUSED,
                changes={
                    "path": request.path_info.replace("\x00", "")[:300],
                    "method": request.method,
                },
            )
        return response


_connect_devices()
