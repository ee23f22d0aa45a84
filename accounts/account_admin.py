"""What the user admin adds for account security: lifting a sign-in lock, the accounts disabled
for idleness, and enabling or disabling an account (administrators only, recorded)."""

from axes.utils import reset as reset_login_failures
from django.contrib import admin, messages

from accounts import idle
from core import audit


class IdlenessFilter(admin.SimpleListFilter):
    title = "tình trạng sử dụng"
    parameter_name = "khong_su_dung"

    def lookups(self, request, model_admin):
        return [("vo-hieu", "Đã vô hiệu do không sử dụng"), ("sap", "Sắp bị vô hiệu")]

    def queryset(self, request, queryset):
        if self.value() == "vo-hieu":
            return queryset.filter(pk__in=idle.disabled_for_idleness().values("pk"))
        if self.value() == "sap":
            return queryset.filter(pk__in=idle.idle_accounts().values("pk"))
        return queryset


class AccountSecurityAdminMixin:
    """Mixed into the user admin. Only administrators (superusers) enable accounts and lift
    locks; the change form's "active" box is read-only for anyone else."""

    actions = ["unlock_sign_in", "enable_accounts"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), IdlenessFilter]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_active")
        return fields

    def has_administrator_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description="Mở khóa đăng nhập", permissions=["administrator"])
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            reset_login_failures(username=user.get_username())
            audit.record(audit.Action.ACCOUNT_UNLOCKED, request=request, obj=user)
        self.message_user(
            request, f"Đã mở khóa đăng nhập cho {queryset.count()} tài khoản.", messages.SUCCESS
        )

    @admin.action(description="Kích hoạt lại tài khoản", permissions=["administrator"])
    def enable_accounts(self, request, queryset):
        count = sum(idle.set_active(user, True, request) for user in queryset)
        self.message_user(request, f"Đã kích hoạt lại {count} tài khoản.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        was_active = None
        if change and "is_active" in form.changed_data:
            was_active = not obj.is_active
        super().save_model(request, obj, form, change)
        if was_active is not None:
            action = (
                audit.Action.ACCOUNT_ENABLED if obj.is_active else audit.Action.ACCOUNT_DISABLED
            )
            audit.record(action, request=request, obj=obj)
