"""`{% admin_idle_script %}`: the inactivity warning's script on the admin's pages (staff only)."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from accounts.admin_idle import CHECK_PARAMETER, idle_seconds
from core.second_factor import has_verified_access

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_idle_script(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not idle_seconds() or user is None or not user.is_authenticated or not user.is_staff:
        return ""
    if not has_verified_access(user):  # the second factor's pages: the server times them out
        return ""
    return format_html(
        '<script src="{}" defer data-idle-seconds="{}" data-keep-alive-url="{}"'
        ' data-check-parameter="{}" data-login-url="{}"></script>',
        static("core/admin_idle.js"),
        idle_seconds(),
        reverse("admin_keep_alive"),
        CHECK_PARAMETER,
        reverse("admin:login"),
    )
