"""Figures for the Ban: per month, kind, topic, unit and state, how many items arrived, were
answered, are overdue, and the median days to answer; on the admin as an SVG chart drawn here
(no script, nothing from another site) and as .xlsx."""

import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from voice.models import OPEN_STATES, Kind, State

MONTHS_IN_CHART = 12


@dataclass
class Row:
    month: str  # "2026-11"
    kind: str
    topic: str
    unit: str
    state: str
    received: int = 0
    answered: int = 0
    overdue: int = 0
    days: list = field(default_factory=list)

    @property
    def median_days(self):
        return statistics.median(self.days) if self.days else None


def _month(value):
    return timezone.localtime(value).strftime("%Y-%m")


def figure_rows(questions, today=None):
    """The rows of the table, one per (month received, kind, topic, unit, state)."""
    today = today or timezone.localdate()
    rows = {}
    values = questions.values_list(
        "received_at",
        "answered_at",
        "kind",
        "topic__name",
        "assigned_unit__name",
        "state",
        "due_on",
    )
    for received_at, answered_at, kind, topic, unit, state, due_on in values.iterator():
        key = (_month(received_at), Kind(kind).label, topic or "–", unit or "–", State(state).label)
        row = rows.setdefault(key, Row(*key))
        row.received += 1
        if answered_at:
            row.answered += 1
            row.days.append(
                (
                    timezone.localtime(answered_at).date() - timezone.localtime(received_at).date()
                ).days
            )
        if state in OPEN_STATES and due_on and due_on < today:
            row.overdue += 1
    return sorted(
        rows.values(), key=lambda r: (r.month, r.kind, r.topic, r.unit, r.state), reverse=True
    )


def monthly_totals(rows, today=None, months=MONTHS_IN_CHART):
    """[(month, received, answered, overdue)] for the last `months` months, oldest first."""
    today = today or timezone.localdate()
    labels = []
    year, month = today.year, today.month
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    totals = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        totals[row.month][0] += row.received
        totals[row.month][1] += row.answered
        totals[row.month][2] += row.overdue
    return [(label, *totals[label]) for label in reversed(labels)]


def _n(value):
    return f"{value:.1f}"


def svg_chart(totals, width=720, height=260):
    """Bars per month (received, answered, overdue), as an inline <svg> with a title per bar."""
    top = max([max(t[1:]) for t in totals] + [1])
    left, bottom, chart_h = 40, 40, height - 60
    slot = (width - left - 10) / max(len(totals), 1)
    bar = max(slot / 4, 2)
    colours = ("#1f5fa8", "#2e7d32", "#b00020")
    names = ("Tiếp nhận", "Đã trả lời", "Quá hạn")
    parts = []
    for index, (month, *numbers) in enumerate(totals):
        x0 = left + index * slot + bar / 2
        for series, number in enumerate(numbers):
            h = chart_h * number / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>",
                    _n(x0 + series * bar),
                    _n(height - bottom - h),
                    _n(bar),
                    _n(h),
                    colours[series],
                    names[series],
                    f"{month[5:]}/{month[:4]}",
                    number,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                _n(x0 + 1.5 * bar),
                height - bottom + 14,
                f"{month[5:]}/{month[2:4]}",
            )
        )
    legend = format_html_join(
        "",
        '<rect x="{}" y="6" width="10" height="10" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="12">{}</text>',
        ((left + i * 120, colours[i], left + i * 120 + 14, names[i]) for i in range(3)),
    )
    axis = format_html(
        '<text x="4" y="{}" font-size="11">{}</text>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#666"></line>',
        height - bottom - chart_h + 4,
        top,
        left,
        height - bottom,
        width - 10,
        height - bottom,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{}" height="{}" '
        'viewBox="0 0 {} {}" aria-labelledby="voice-chart-title"><title id="voice-chart-title">'
        "Số mục tiếp nhận, đã trả lời và quá hạn theo tháng</title>{}{}{}</svg>",
        width,
        height,
        width,
        height,
        legend,
        axis,
        mark_safe("".join(parts)),  # noqa: S308 (each part built by format_html above)
    )


HEADER = [
    "Tháng",
    "Loại",
    "Lĩnh vực",
    "Đơn vị xử lý",
    "Tình trạng",
    "Tiếp nhận",
    "Đã trả lời",
    "Quá hạn",
    "Số ngày trả lời (trung vị)",
]


def xlsx_bytes(rows):
    from openpyxl import Workbook  # noqa: PLC0415 (heavy, loaded for a download only)
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(
            [
                row.month,
                row.kind,
                row.topic,
                row.unit,
                row.state,
                row.received,
                row.answered,
                row.overdue,
                row.median_days,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figures_view(model_admin):
    def view(request):
        rows = figure_rows(model_admin.get_queryset(request))
        context = {
            **model_admin.admin_site.each_context(request),
            "title": "Số liệu hộp thư góp ý",
            "opts": model_admin.model._meta,
            "rows": rows,
            "chart": svg_chart(monthly_totals(rows)),
        }
        return TemplateResponse(request, "voice/admin/figures.html", context)

    return view


def figures_xlsx_view(model_admin):
    def view(request):
        rows = figure_rows(model_admin.get_queryset(request))
        response = HttpResponse(
            xlsx_bytes(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="so-lieu-hoi-dap.xlsx"'
        return response

    return view
