"""Figures for the Ban: counts per month, kind, topic, unit and state, an SVG chart, .xlsx."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from voice.figures import figure_rows, monthly_totals, svg_chart
from voice.models import Question, State
from voice.tests.factories import AnsweredQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_rows_count_received_answered_overdue_and_the_median_days():
    now = timezone.now()
    for days in (2, 4, 10):
        item = AnsweredQuestionFactory()
        Question.objects.filter(pk=item.pk).update(
            received_at=now - datetime.timedelta(days=days), answered_at=now
        )
    late = QuestionFactory()
    Question.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    rows = figure_rows(Question.objects.all())
    answered = [r for r in rows if r.state == State.ANSWERED.label]
    assert sum(r.answered for r in answered) == 3
    assert sorted(d for r in answered for d in r.days) == [2, 4, 10]
    assert sum(r.overdue for r in rows) == 1
    assert sum(r.received for r in rows) == 4


def test_the_chart_is_svg_drawn_here_without_script():
    QuestionFactory(title="<script>alert(1)</script>")
    svg = str(svg_chart(monthly_totals(figure_rows(Question.objects.all()))))
    assert (
        svg.startswith("<svg")
        and "<script" not in svg
        and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert svg.count("<rect") >= 12 * 3


def test_the_admin_page_and_the_xlsx(client, publisher):
    AnsweredQuestionFactory()
    client.force_login(publisher)
    page = client.get(reverse("admin:voice_question_figures"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    book = client.get(reverse("admin:voice_question_figures_xlsx"))
    rows = list(load_workbook(io.BytesIO(book.content)).active.values)
    assert rows[0][0] == "Tháng" and rows[1][6] == 1


def test_the_public_cannot_reach_the_figures(client):
    response = client.get(reverse("admin:voice_question_figures"))
    assert response.status_code == 302
