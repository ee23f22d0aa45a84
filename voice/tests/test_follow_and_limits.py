"""Following an item by code + contact, and the abuse limits (measured: the 500-send flood)."""

import time

import pytest
from django.urls import reverse

from voice import codes, ratelimit
from voice.models import Question
from voice.tests.conftest import form_data
from voice.tests.factories import AnsweredQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db
NOT_FOUND = "Không tìm thấy mục nào với mã và thông tin liên hệ này"


def _follow(client, code, contact, **extra):
    return client.post(reverse("voice:follow"), {"code": code, "contact": contact}, **extra)


def test_code_and_phone_show_the_state_and_due_date(client):
    question = QuestionFactory()
    response = _follow(client, question.display_code.lower().replace("-", " "), "+84 912.345.678")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mới" in html and question.title in html
    assert "Hạn trả lời" in html


def test_the_answer_shows_once_approved_even_when_not_public(client):
    question = AnsweredQuestionFactory(allow_publish=False)
    html = _follow(client, question.code, "NGUOIDAN.RIENG@example.vn").content.decode()
    assert question.answer in html
    assert "Xem trang hỏi đáp công khai" not in html


def test_a_wrong_pair_answers_exactly_like_an_unknown_code(client):
    question = QuestionFactory()
    other = "23456789AB" if question.code != "23456789AB" else "3456789ABC"
    wrong_contact = _follow(client, question.code, "0900000000")
    unknown_code = _follow(client, other, "0912345678")
    garbage = _follow(client, "<script>", "x")
    for response in (wrong_contact, unknown_code, garbage):
        assert response.status_code == 200
        assert NOT_FOUND in response.content.decode()
        assert question.title not in response.content.decode()


def test_a_purged_sender_cannot_be_followed(client):
    question = QuestionFactory()
    question.sender.erase()
    assert NOT_FOUND in _follow(client, question.code, "0912345678").content.decode()


def test_lookups_are_limited_per_address(client, settings):
    settings.VOICE_LOOKUPS_PER_HOUR = 3
    question = QuestionFactory()
    statuses = [_follow(client, question.code, "0900000000").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    blocked = _follow(client, question.code, "0912345678")
    assert blocked.status_code == 429
    assert "quá nhiều lần" in blocked.content.decode()


def test_the_address_behind_the_trusted_proxy_is_the_one_limited(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    settings.VOICE_LOOKUPS_PER_HOUR = 1
    first = _follow(client, "23456789AB", "0912345678", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = _follow(client, "23456789AB", "0912345678", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = _follow(client, "23456789AB", "0912345678", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert [first.status_code, second.status_code, other.status_code] == [200, 429, 200]


def test_a_flood_of_500_sends_from_one_address_stores_at_most_the_limit(client, settings):
    settings.VOICE_SENDS_PER_HOUR = 5
    started = time.perf_counter()
    statuses = []
    for n in range(500):
        data = form_data(phone=f"09{n:08d}", title=f"Tin rác số {n}")
        statuses.append(client.post(reverse("voice:send"), data).status_code)
    elapsed = time.perf_counter() - started
    assert Question.objects.count() == 5
    assert statuses.count(302) == 5 and statuses.count(429) == 495
    last = client.post(reverse("voice:send"), form_data(title="Một lần nữa"))
    assert "quá nhiều lần" in last.content.decode() and "Một lần nữa" in last.content.decode()
    print(f"\n500 sends from one address: 5 stored, 495 answered 429 in {elapsed:.2f} s")


def test_one_contact_is_limited_across_addresses(client, settings):
    settings.VOICE_SENDS_PER_CONTACT_PER_DAY = 2
    statuses = [
        client.post(reverse("voice:send"), form_data(), REMOTE_ADDR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_the_window_counter_resets():
    assert all(ratelimit.allow("t", "k", 2, 60, now=1000.0) for _ in range(2))
    assert not ratelimit.allow("t", "k", 2, 60, now=1001.0)
    assert ratelimit.allow("t", "k", 2, 60, now=1061.0)


def test_codes_read_out_over_the_phone_normalise():
    code = codes.new_code()
    assert codes.normalize(codes.display(code).lower()) == code
    assert codes.normalize("0000000000") == ""
    assert codes.normalize_phone("+84 912 345 678") == "0912345678"
