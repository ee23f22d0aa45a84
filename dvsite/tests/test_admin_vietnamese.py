"""The admin in Vietnamese, third-party apps included: Django's gaps ("Show counts", the
"History" link that Django's catalog calls "Bản ghi nhớ"), django-axes, taggit, the editor."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_the_admin_home_and_changelists_read_in_vietnamese(client, superuser):
    client.force_login(superuser)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Chống dò mật khẩu" in home and "Lần đăng nhập thử" in home
    assert "Access attempts" not in home and "Taggit" not in home and "Axes" not in home
    posts = client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Hiện số lượng" in posts and "Show counts" not in posts
    assert "Chọn bài viết để sửa" in posts
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        user_agent="Mozilla",
        ip_address="203.0.113.5",
        username="ai-do",
        http_accept="*/*",
        path_info="/quan-tri/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    attempts = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Địa chỉ IP" in attempts and "IP Address" not in attempts


def test_the_history_link_is_not_a_memo(client, superuser):
    post = PostFactory()
    client.force_login(superuser)
    page = client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    assert "Lịch sử phiên bản" in page and "Bản ghi nhớ" not in page


def test_the_editor_scripts_translate_its_menus(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:news_post_add")).content.decode()
    assert "core/prose_editor_vi.js" in page
    script = (Path(settings.BASE_DIR) / "static/core/prose_editor_vi.js").read_text()
    assert '"Paragraph": "Đoạn văn"' in script and "Tiêu đề " in script
