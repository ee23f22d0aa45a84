"""Comments on draft documents: the form on the document's page until the closing date,
moderation before showing, and the drafting unit's .xlsx."""

import datetime
import io
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import Action, AuditEntry
from docs_registry.tests.factories import DocumentFactory
from voice.forms import started_token
from voice.models import Consultation, DraftComment

pytestmark = pytest.mark.django_db


def _comment(**overrides):
    data = {
        "section": "Điều 3",
        "content": "Đề nghị bổ sung quy định lấy ý kiến Nhân dân ở thôn, tổ dân phố.",
        "name": "Phạm Góp Ý",
        "email": "gopy.rieng@example.vn",
        "organisation": "Hội Nông dân xã",
        "website": "",
        "started": started_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture
def consultation():
    today = timezone.localdate()
    return Consultation.objects.create(
        document=DocumentFactory(),
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=7),
    )


def test_the_document_page_shows_the_form_while_open(client, consultation):
    html = client.get(consultation.document.get_absolute_url()).content.decode()
    assert "Góp ý dự thảo" in html
    assert reverse("voice:comment", args=[consultation.document_id]) in html


def test_a_comment_is_stored_pending_and_shown_only_when_approved_and_allowed(client, consultation):
    url = reverse("voice:comment", args=[consultation.document_id])
    response = client.post(url, _comment())
    assert response.status_code == 302
    comment = DraftComment.objects.get()
    assert comment.moderation == DraftComment.Moderation.PENDING
    page = consultation.document.get_absolute_url()
    assert comment.content not in client.get(page).content.decode()
    comment.moderation = DraftComment.Moderation.APPROVED
    comment.save()
    assert comment.content not in client.get(page).content.decode()  # not shown by default
    consultation.show_comments = True
    consultation.save()
    html = client.get(page).content.decode()
    assert comment.content in html
    assert "Phạm Góp Ý" not in html and "gopy.rieng" not in html


def test_a_closed_consultation_refuses_with_the_text_kept(client, consultation):
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation.opens_on = consultation.closes_on - datetime.timedelta(days=10)
    consultation.save()
    response = client.post(
        reverse("voice:comment", args=[consultation.document_id]),
        _comment(content="Ý kiến gửi muộn của tôi"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã hết hạn góp ý" in html and "Ý kiến gửi muộn của tôi" in html
    assert not DraftComment.objects.exists()
    assert (
        "Đã hết hạn góp ý" in client.get(consultation.document.get_absolute_url()).content.decode()
    )


def test_bad_input_and_unknown_documents_give_no_500(client, consultation):
    url = reverse("voice:comment", args=[consultation.document_id])
    assert client.post(url, _comment(content="")).status_code == 200
    assert client.post(url, _comment(website="spam")).status_code == 200
    assert client.get(reverse("voice:comment", args=[999999])).status_code == 404
    assert client.put(url).status_code == 405


def test_the_drafting_unit_exports_the_comments_to_xlsx(client, consultation, publisher):
    client.post(reverse("voice:comment", args=[consultation.document_id]), _comment())
    client.force_login(publisher)
    response = client.get(reverse("admin:voice_consultation_xlsx", args=[consultation.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("STT", "Gửi lúc", "Điều, khoản", "Nội dung góp ý")
    assert rows[1][2] == "Điều 3"
    assert AuditEntry.objects.filter(action=Action.PERSONAL_DATA_EXPORTED).exists()


def test_approving_a_comment_ends_the_cached_document_page(client, consultation, settings):
    settings.PAGE_CACHE_SECONDS = 300
    consultation.show_comments = True
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation.opens_on = consultation.closes_on - datetime.timedelta(days=5)
    consultation.save()
    comment = DraftComment.objects.create(
        consultation=consultation, content="Ý kiến về Điều 5 đã được duyệt"
    )
    page = consultation.document.get_absolute_url()
    assert comment.content not in client.get(page).content.decode()
    client.get(page)  # now from the cache
    comment.moderation = DraftComment.Moderation.APPROVED
    comment.save()
    assert comment.content in client.get(page).content.decode()
