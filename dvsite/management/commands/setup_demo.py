"""Create demo accounts (an editor, a publisher, an administrator) and print their passwords."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core import roles
from taxonomy.units import Unit

ACCOUNTS = (
    ("bientap", "Biên tập viên (soạn, gửi duyệt)", roles.EDITORS, False),
    ("duyettin", "Người duyệt tin (xuất bản)", roles.PUBLISHERS, False),
    ("quantri", "Quản trị hệ thống", None, True),
)
# With the sample units loaded (`make run`), an editor of one unit shows the unit scope: they
# see and write only that unit's content.
UNIT_EDITOR = ("bientapdonvi", "Biên tập viên của một đơn vị", roles.EDITORS, False)
UNIT_OF_DEMO_EDITOR = "Hội Nông dân tỉnh Ninh Bình"


class Command(BaseCommand):
    help = "Tạo tài khoản demo (biên tập viên, người duyệt tin, quản trị) và in mật khẩu."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Chạy cả khi DEBUG tắt.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Không tạo tài khoản demo trên máy chủ thật (DEBUG đang tắt).")
        User = get_user_model()
        base = settings.SITE_INFO["base_url"]
        self.stdout.write(f"Tài khoản demo – đăng nhập tại {base}/{settings.ADMIN_URL}")
        unit = Unit.objects.filter(name=UNIT_OF_DEMO_EDITOR).first()
        for username, label, group_name, is_superuser in ACCOUNTS + (
            (UNIT_EDITOR,) if unit else ()
        ):
            password = secrets.token_urlsafe(9)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            user.email = f"{username}@example.invalid"
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            if unit and username == UNIT_EDITOR[0]:
                unit.editors.add(user)
                label = f"{label} ({unit.label})"
            self.stdout.write(f"  {label:<34} tên: {username:<10} mật khẩu: {password}")
        self.write_second_factor_help(base)

    def write_second_factor_help(self, base):
        state = (
            "đang BẮT BUỘC"
            if settings.STAFF_SECOND_FACTOR_REQUIRED
            else "đang tắt (bật bằng DJANGO_STAFF_2FA_REQUIRED=1; máy chủ thật bật sẵn)"
        )
        self.stdout.write(
            f"Xác thực hai bước cho người duyệt tin và quản trị {state}; biên tập viên tự chọn.\n"
            f"  Cách bật: đăng nhập, mở {base}{reverse('two_factor_enrol')}, quét mã QR bằng "
            "ứng dụng xác thực (Google Authenticator, FreeOTP…),\n"
            "  nhập mã 6 chữ số, rồi cất 10 mã dự phòng hiện ra (mỗi mã dùng một lần)."
        )
