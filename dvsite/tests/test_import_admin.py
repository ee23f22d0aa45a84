"""What the import leaves for editors, seen in the admin (issue 15)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from docs_registry.models import Document, SuggestedReplacement, Validity
from news.models import Post

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "news" / "tests" / "samples"


def run(*names):
    call_command(
        "import_seeds", *(str(SAMPLES / n) for n in names), stdout=StringIO(), stderr=StringIO()
    )


def test_a_suggested_replacement_appears_in_the_admin_and_counts_once_confirmed(client, publisher):
    run("national_portal.txt")
    newer = Document.objects.get(number="23-QĐ/TW")
    client.force_login(publisher)
    page = client.get(reverse("admin:docs_registry_document_change", args=[newer.pk]))
    assert "Đề xuất thay thế từ bài viết" in page.text
    assert "290-QĐ/TW" in page.text
    listing = client.get(reverse("admin:docs_registry_suggestedreplacement_changelist"))
    assert "thay thế Quyết định số 290-QĐ/TW" in listing.text
    # Suggested only: the older document's validity is still unknown.
    older = Document.objects.with_validity().get(number="290-QĐ/TW")
    assert older.validity == Validity.UNKNOWN

    suggestion = SuggestedReplacement.objects.get()
    response = client.post(
        reverse("admin:docs_registry_suggestedreplacement_changelist"),
        {"action": "confirm_selected", "_selected_action": [suggestion.pk]},
    )
    assert response.status_code == 302
    assert Document.objects.with_validity().get(number="290-QĐ/TW").validity == Validity.REPLACED
    suggestion.refresh_from_db()
    assert suggestion.confirmed_at is not None


def test_an_editor_sees_suggestions_but_cannot_confirm_them(client, editor):
    run("national_portal.txt")
    client.force_login(editor)
    listing = client.get(reverse("admin:docs_registry_suggestedreplacement_changelist"))
    assert listing.status_code == 200
    suggestion = SuggestedReplacement.objects.get()
    client.post(
        reverse("admin:docs_registry_suggestedreplacement_changelist"),
        {"action": "confirm_selected", "_selected_action": [suggestion.pk]},
    )
    assert Document.objects.with_validity().get(number="290-QĐ/TW").validity == Validity.UNKNOWN


def test_posts_waiting_for_a_date_are_listed_and_every_warning_is_shown(client, publisher):
    run("no_date.txt", "saved_page.html")
    client.force_login(publisher)
    changelist = reverse("admin:news_post_changelist")
    waiting = client.get(changelist, {"can_bo_sung_ngay": "1"})
    assert "Cần bổ sung ngày" in waiting.text
    assert "Gặp mặt người có uy tín" in waiting.text
    assert "Ra mắt mô hình" not in waiting.text

    undated = Post.objects.get(title__startswith="Gặp mặt")
    page = client.get(reverse("admin:news_post_change", args=[undated.pk]))
    assert "Cảnh báo khi nhập" in page.text
    assert "Không tìm thấy ngày đăng" in page.text
    saved = Post.objects.get(title__startswith="Ra mắt")
    page = client.get(reverse("admin:news_post_change", args=[saved.pk]))
    assert "to-cong-nghe-so-tan-lap.jpg" in page.text
