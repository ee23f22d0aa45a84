"""Third-party apps the admin shows, under Vietnamese names: django-otp's two device kinds
(the second factor of staff) and django-tasks-db's task results. Their AppConfigs name them
"Otp_Static", "Otp_Totp", "Tasks Database Backend"; django-otp's model names, field labels,
help texts and fieldset titles are plain English strings, not marked for translation.

`ready()` marks those strings for translation (the same English, lazily: migrations see no
change) and `locale/vi/LC_MESSAGES/django.po` gives their Vietnamese, beside django-tasks-db's
own translatable names. Model names are set on `_meta` only, never on the options migrations
read. Its own module, so dvsite/apps.py keeps one AppConfig (Django picks it as the default).
"""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig
from django_tasks_db.apps import TasksAppConfig


def _translatable(value):
    return gettext_lazy(str(value)) if value else value


def mark_for_translation(app_label, model_names):
    """Route the English names of these models (model, fields, admin fieldsets) through gettext."""
    for model in apps.get_app_config(app_label).get_models():
        name = model.__name__
        if name in model_names:
            singular, plural = model_names[name]
            model._meta.verbose_name = gettext_lazy(singular)
            model._meta.verbose_name_plural = gettext_lazy(plural)
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name") and not field.auto_created:
                field.verbose_name = _translatable(field.verbose_name)
                field.help_text = _translatable(field.help_text)
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:
            _translate_fieldsets(model_admin)
            if model_admin.search_fields:
                model_admin.search_help_text = SEARCH_BY_USER


SEARCH_BY_USER = "Tìm theo tên đăng nhập hoặc địa chỉ email của người dùng"


def _translate_fieldsets(model_admin):
    """The admin's section titles ("Identity", "Timestamps") through gettext as well."""
    english = model_admin.get_fieldsets

    def get_fieldsets(request, obj=None):
        return [(_translatable(title), options) for title, options in english(request, obj)]

    model_admin.get_fieldsets = get_fieldsets


class OtpStaticConfig(OtpStaticAppConfig):
    verbose_name = "Mã dự phòng đăng nhập"

    def ready(self):
        super().ready()
        mark_for_translation(
            self.label,
            {
                "StaticDevice": ("static device", "static devices"),
                "StaticToken": ("static token", "static tokens"),
            },
        )


class OtpTotpConfig(OtpTotpAppConfig):
    verbose_name = "Ứng dụng xác thực"

    def ready(self):
        super().ready()
        mark_for_translation(self.label, {"TOTPDevice": ("TOTP device", "TOTP devices")})


class TasksDbConfig(TasksAppConfig):
    verbose_name = "Tác vụ chạy nền"
