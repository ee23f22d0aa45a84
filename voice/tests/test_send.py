"""Sending an item: stored first, a tracking code shown, bad input kept in the form."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from voice import codes
from voice.forms import started_token
from voice.models import Question, Sender, State
from voice.tests.conftest import form_data

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5c90000000049454e44ae426082"
)


def test_the_form_works_without_javascript_and_names_the_privacy_notice(client):
    response = client.get(reverse("voice:send"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert reverse("voice:privacy") in html
    assert 'name="website"' in html  # the honeypot
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "no-cache" in response["Cache-Control"]


def test_a_question_is_stored_and_the_code_shown_once_sent(client):
    response = client.post(reverse("voice:send"), form_data())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.state == State.NEW
    assert question.sender.name == "Trần Văn Bảo Mật"
    assert question.due_on > question.received_at.date()
    page = client.get(response["Location"])
    assert question.display_code in page.content.decode()
    assert len(question.code) == 10 and set(question.code) <= set(codes.ALPHABET)


def test_text_is_stored_in_nfc_without_control_characters(client):
    client.post(
        reverse("voice:send"),
        form_data(title="Ho\u0309i ve\u0302\u0300 \x0bđất đai", content="Dòng 1\x00\nDòng 2"),
    )
    question = Question.objects.get()
    assert question.title == "Hỏi về đất đai"
    assert question.content == "Dòng 1\nDòng 2"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"consent": ""}, "Bạn cần đồng ý với việc xử lý dữ liệu cá nhân"),
        ({"phone": "", "email": ""}, "hãy cho biết số điện thoại hoặc thư điện tử"),
        ({"phone": "12"}, "Số điện thoại không đúng"),
        ({"title": ""}, "Hãy nhập tiêu đề"),
    ],
)
def test_bad_input_is_explained_and_the_typed_text_kept(client, override, message):
    data = form_data(**override)
    data["content"] = "Nội dung tôi đã gõ rất dài về con đường liên thôn bị hỏng"
    response = client.post(reverse("voice:send"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Nội dung tôi đã gõ rất dài về con đường liên thôn bị hỏng" in html
    assert not Question.objects.exists()


def test_no_answer_wanted_needs_no_contact(client):
    response = client.post(
        reverse("voice:send"), form_data(phone="", email="", name="", wants_answer="")
    )
    assert response.status_code == 302
    assert Question.objects.get().wants_answer is False


def test_pictures_and_pdf_are_kept_privately(client):
    data = form_data(
        attachment_1=SimpleUploadedFile("anh.png", PNG, "image/png"),
        attachment_2=SimpleUploadedFile("don.pdf", PDF, "application/pdf"),
    )
    assert client.post(reverse("voice:send"), data).status_code == 302
    files = list(Question.objects.get().attachments.all())
    assert [f.mime_type for f in files] == ["image/png", "application/pdf"]
    assert all(f.file.name.startswith("private/") for f in files)


def test_an_oversized_or_disguised_file_is_refused_with_the_text_kept(client):
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")
    for upload, message in ((big, "quá lớn"), (fake, "không phải ảnh")):
        response = client.post(reverse("voice:send"), form_data(attachment_1=upload))
        html = response.content.decode()
        assert response.status_code == 200
        assert message in html
        assert "Hỏi về chế độ cho người có công" in html
    assert not Question.objects.exists()


def test_the_honeypot_and_a_too_quick_form_store_nothing(client):
    trapped = client.post(reverse("voice:send"), form_data(website="http://spam.example"))
    quick = client.post(reverse("voice:send"), form_data(started=started_token(now=time.time())))
    forged = client.post(reverse("voice:send"), form_data(started="1:forged"))
    assert [trapped.status_code, quick.status_code, forged.status_code] == [200, 200, 200]
    assert "quá nhanh" in quick.content.decode()
    assert "Hỏi về chế độ cho người có công" in quick.content.decode()
    assert not Question.objects.exists()


def test_html_is_never_rendered(client):
    client.post(reverse("voice:send"), form_data(title="<script>alert(1)</script>Hỏi"))
    question = Question.objects.get()
    assert question.title == "<script>alert(1)</script>Hỏi"  # stored as typed, escaped on output


def test_wrong_methods_and_odd_queries_give_no_500(client):
    for url in (reverse("voice:send"), reverse("voice:follow"), reverse("voice:list")):
        assert client.put(url).status_code == 405
        assert client.get(url, {"page": "x'; --", "q": "\x00" * 3, "loai": "zzz"}).status_code < 500
    assert "Chưa có nội dung nào vừa gửi" in client.get(reverse("voice:sent")).content.decode()
    assert client.get("/hoi-dap/khong-co-cau-hoi-nay/").status_code == 404


def test_the_sender_model_is_separate_and_the_question_has_no_personal_field():
    names = {f.name for f in Question._meta.get_fields()}
    assert not names & {"name", "phone", "email", "address"}
    assert {"name", "phone", "email", "address"} <= {f.name for f in Sender._meta.get_fields()}
