"""Permissions in the group and user forms, in Vietnamese.

Django stores a model's four default permissions as English sentences made when the model was
migrated ("Can add bài viết", "Can view TOTP device"); the forms list them as
"app | model | name". Here the default ones are labelled from the codename and the model's
current (translated) name: "Tin tức | bài viết | Thêm bài viết". Custom permissions keep the
names their models give them.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from accounts.account_admin import AccountSecurityAdminMixin

ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def permission_label(permission):
    model = permission.content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is None or action not in ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    opts = model._meta
    app_name = opts.app_config.verbose_name
    return f"{app_name} | {opts.verbose_name} | {ACTIONS[action]} {opts.verbose_name}"


class _VietnamesePermissions:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class VietnameseGroupAdmin(_VietnamesePermissions, GroupAdmin):
    pass


class VietnameseUserAdmin(AccountSecurityAdminMixin, _VietnamesePermissions, UserAdmin):
    pass


def register():
    """Replace the auth admins with these (called from dvsite/admin.py)."""
    for model, model_admin in ((Group, VietnameseGroupAdmin), (User, VietnameseUserAdmin)):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)
