"""The catalogue's downloads: the filtered list as CSV and .xlsx, the same columns from the same
rows; every text cell through `core.spreadsheet.guard` (formula injection)."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheet import guard

COLUMNS = [
    ("Tên mô hình", 50),
    ("Đơn vị thực hiện", 28),
    ("Lĩnh vực", 22),
    ("Đối tượng vận động", 28),
    ("Năm bắt đầu", 12),
    ("Công nhận", 36),
    ("Năm công nhận gần nhất", 14),
    ("Kết quả", 60),
    ("Đường dẫn", 50),
]
HEADER = [title for title, _ in COLUMNS]


def rows(practices, request):
    """One list of values per model (prefetched: groups, recognitions, results)."""
    for practice in practices:
        yield [
            practice.title,
            practice.unit.label if practice.unit else "",
            practice.sector.name if practice.sector else "",
            "; ".join(group.name for group in practice.groups.all()),
            practice.year_started,
            "; ".join(
                f"{r.get_level_display()} {r.year}" + (f" ({r.decision})" if r.decision else "")
                for r in practice.recognitions.all()
            ),
            practice.last_recognised_year or None,
            "; ".join(str(r) + (f" ({r.year})" if r.year else "") for r in practice.results.all()),
            request.build_absolute_uri(practice.get_absolute_url()),
        ]


def write_csv(stream, practices, request):
    """UTF-8 with a BOM, comma-separated."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    for values in rows(practices, request):
        writer.writerow(
            "" if v is None else (v if isinstance(v, int) else guard(v)) for v in values
        )


def xlsx_bytes(practices, request, summary=None):
    """A workbook: the list (bold frozen header, widths, filters), and the field × year table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Mô hình"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows(practices, request):
        sheet.append([v if isinstance(v, int) or v is None else guard(v) for v in values])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if summary is not None:
        _summary_sheet(book, summary)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary_sheet(book, table):
    sheet = book.create_sheet("Lĩnh vực × năm")
    sheet.append(["Lĩnh vực", *table.years, "Tổng số mô hình"])
    for row in table.rows:
        sheet.append([guard(row.label), *row.cells, row.total])
    sheet.append(["Tổng số mô hình", *table.column_totals, table.total])
    for cell in (*sheet[1], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
