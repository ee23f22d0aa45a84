"""The published Q&A: what the public sees, in the list, a page, search, the sitemap."""

import json
import re

import pytest
from django.urls import reverse

from core.publishing import Status
from taxonomy.models import Topic
from taxonomy.units import Kind as UnitKind
from taxonomy.units import Unit
from voice.models import State
from voice.tests.factories import AnsweredQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_only_answered_approved_and_allowed_items_are_public(client):
    public = AnsweredQuestionFactory(title="Đường giao thông nông thôn xã")
    hidden = [
        QuestionFactory(title="Mới gửi chưa trả lời"),
        AnsweredQuestionFactory(title="Không cho công khai", allow_publish=False),
        AnsweredQuestionFactory(title="Câu trả lời còn nháp", status=Status.DRAFT),
        AnsweredQuestionFactory(title="Đã gửi duyệt", status=Status.REVIEW),
    ]
    html = client.get(reverse("voice:list")).content.decode()
    assert public.title in html
    for item in hidden:
        assert item.title not in html
        assert client.get(item.get_absolute_url()).status_code == 404
    page = client.get(public.get_absolute_url())
    assert page.status_code == 200
    assert public.answer in page.content.decode()


def test_a_question_page_carries_qapage_json_ld_without_the_sender(client):
    question = AnsweredQuestionFactory()
    html = client.get(question.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(block) for block in blocks]
    qa = next(item for item in data if item.get("@type") == "QAPage")
    assert qa["mainEntity"]["acceptedAnswer"]["text"] == question.answer
    assert qa["mainEntity"]["name"] == question.title
    assert "Nguyễn Thị Riêng Tư" not in html


def test_the_list_filters_by_topic_unit_kind_and_accent_free_words(client):
    topic = Topic.objects.create(name="Đất đai")
    unit = Unit.objects.create(kind=UnitKind.COMMUNE, name="Mộc Bắc")
    land = AnsweredQuestionFactory(title="Cấp giấy chứng nhận quyền sử dụng đất", topic=topic)
    land.units.add(unit)
    other = AnsweredQuestionFactory(title="Học bổng cho học sinh nghèo", kind="gop-y")
    url = reverse("voice:list")
    by_topic = client.get(url, {"chu-de": topic.slug}).content.decode()
    by_unit = client.get(url, {"don-vi": unit.slug}).content.decode()
    by_kind = client.get(url, {"loai": "gop-y"}).content.decode()
    by_words = client.get(url, {"q": "GIAY CHUNG nhan"}).content.decode()
    assert land.title in by_topic and other.title not in by_topic
    assert land.title in by_unit and other.title not in by_unit
    assert other.title in by_kind and land.title not in by_kind
    assert land.title in by_words and other.title not in by_words
    # Unknown values are ignored, never an error.
    assert client.get(url, {"chu-de": "khong-co", "don-vi": "x" * 500}).status_code == 200


def test_site_search_finds_answers_accent_insensitively(client):
    question = AnsweredQuestionFactory(title="Chính sách hỗ trợ người có công")
    hidden = AnsweredQuestionFactory(title="Chính sách hỗ trợ riêng", allow_publish=False)
    html = client.get(reverse("search"), {"q": "chinh sach ho tro"}).content.decode()
    assert question.get_absolute_url() in html
    assert "Hỏi đáp" in html
    assert hidden.get_absolute_url() not in html


def test_the_sitemap_lists_public_questions_only(client):
    public = AnsweredQuestionFactory()
    private = AnsweredQuestionFactory(allow_publish=False)
    xml = client.get("/sitemap-hoi-dap.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert private.get_absolute_url() not in xml


def test_staff_preview_is_never_cached_and_marked(client, publisher):
    draft = AnsweredQuestionFactory(status=Status.DRAFT)
    client.force_login(publisher)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_privacy_notice_names_the_controller_and_retention(client, settings):
    settings.VOICE_RETENTION_MONTHS = 18
    html = client.get("/gioi-thieu/du-lieu-ca-nhan/").content.decode()
    assert settings.SITE_INFO["name"] in html
    assert "18 tháng" in html
    assert "yêu cầu xóa" in html


def _list_queries(client, django_assert_num_queries, count):
    AnsweredQuestionFactory.create_batch(
        count, topic=Topic.objects.get_or_create(name="An sinh")[0]
    )
    with django_assert_num_queries(2):  # count and page, the topic joined
        assert client.get(reverse("voice:list")).status_code == 200


@pytest.mark.parametrize("count", [2, 25])
def test_the_list_costs_the_same_queries_at_two_sizes(client, django_assert_num_queries, count):
    _list_queries(client, django_assert_num_queries, count)


@pytest.mark.parametrize("count", [1, 12])
def test_a_question_page_costs_the_same_queries_at_two_sizes(
    client, django_assert_num_queries, count
):
    questions = AnsweredQuestionFactory.create_batch(count)
    with django_assert_num_queries(1):
        assert client.get(questions[-1].get_absolute_url()).status_code == 200


def test_states_labels_are_vietnamese():
    assert [label for _, label in State.choices] == [
        "Mới",
        "Đã tiếp nhận",
        "Đang xử lý",
        "Đã trả lời",
        "Đóng",
        "Không thụ lý",
    ]


def test_publishing_an_answer_ends_the_cached_list(client, settings, publisher):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(reverse("voice:list"))
    question = QuestionFactory(state=State.IN_PROGRESS, answer="Câu trả lời mới duyệt")
    question.publish(publisher)
    assert question.title in client.get(reverse("voice:list")).content.decode()
