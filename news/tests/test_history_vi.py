"""The revision history in Vietnamese: labels, local time, status names, a word diff of the
text (never raw HTML), and restore that never changes the published state."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.history_diff import word_diff
from core.publishing import Status
from news.tests.factories import PostFactory

from .test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db


def test_word_diff_marks_words_not_markup():
    old, new = word_diff("Có 19 điểm cầu <b>", "Có 91 điểm cầu trực tuyến <b>")
    assert old == "Có <del>19</del> điểm cầu &lt;b&gt;"
    assert new == "Có <ins>91</ins> điểm cầu <ins>trực tuyến</ins> &lt;b&gt;"


def test_history_page_reads_in_vietnamese(client, editor, publisher):
    post = PostFactory(created_by=editor, body="<p>Hội nghị có <strong>19</strong> điểm cầu.</p>")
    post.body = "<p>Hội nghị có <strong>91</strong> điểm cầu.</p>"
    post.save()
    post.publish(publisher)
    login(client, publisher)
    assert "Lịch sử phiên bản" in client.get(change_url(post)).content.decode()
    html = client.get(reverse("admin:news_post_history", args=[post.pk])).content.decode()
    for english in ("Changed by", "Change reason", "Object", "Bản ghi nhớ", "published"):
        assert english not in html, english
    assert "Người sửa" in html and "Đã xuất bản" in html and "Bản nháp" in html
    local = timezone.localtime(post.history.first().history_date)
    assert local.strftime("%d/%m/%Y %H:%M") in html
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", html)  # no microseconds
    assert "<del>19</del>" in html and "<ins>91</ins>" in html
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html


def test_restoring_an_old_version_never_changes_the_published_state(client, editor, publisher):
    post = PostFactory(created_by=editor, title="Bản đầu")
    first = post.history.earliest()
    post.title = "Bản đã đăng"
    post.save()
    at = timezone.now() + datetime.timedelta(days=2)
    post.publish(publisher, at=at)  # scheduled
    login(client, publisher)
    url = reverse("admin:news_post_simple_history", args=[post.pk, first.history_id])
    page = client.get(url).content.decode()
    assert "Khôi phục nội dung này" in page and "Trạng thái xuất bản không đổi" in page
    client.post(url, form_data(post, title=first.title))
    post.refresh_from_db()
    assert post.title == "Bản đầu"
    assert post.status == Status.PUBLISHED and post.publish_at == at
