"""The registry's downloads: the filtered list as CSV and as an Excel workbook (.xlsx).

Both write the same columns from the same rows, and every text cell goes through `guard`
(core/spreadsheet.py), the one defence against spreadsheet formula injection (OWASP "CSV Injection").
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.dates import format_date
from core.spreadsheet import FORMULA_STARTS, guard  # noqa: F401 (the one guard, in core)

# (header, column width in characters for Excel)
COLUMNS = [
    ("Số ký hiệu", 18),
    ("Loại văn bản", 16),
    ("Cơ quan ban hành", 28),
    ("Ngày ban hành", 14),
    ("Năm ban hành", 12),
    ("Ngày hiệu lực", 14),
    ("Trích yếu", 70),
    ("Người ký", 22),
    ("Tình trạng", 16),
    ("Đường dẫn", 50),
]
HEADER = [title for title, _ in COLUMNS]
DATE_COLUMNS = {3, 5}  # ngày ban hành, ngày hiệu lực


def rows(documents, request):
    """One list of values per document: dates as dates, the year as a number, text as text."""
    for doc in documents:
        yield [
            doc.number,
            doc.doc_type.name,
            doc.issuer.name,
            doc.issue_date,
            doc.issue_year or None,
            doc.effective_date,
            doc.title,
            doc.signer,
            doc.get_validity_display(),
            request.build_absolute_uri(doc.get_absolute_url()),
        ]


def _text(value):
    if isinstance(value, datetime.date):
        return format_date(value)
    return guard(value)


def write_csv(stream, documents, request):
    """UTF-8 with a BOM, comma-separated (for Excel, the .xlsx is the file to open)."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    for values in rows(documents, request):
        writer.writerow(_text(value) for value in values)


def xlsx_bytes(documents, request):
    """A workbook of one sheet: bold header row frozen, set widths, real dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Văn bản"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows(documents, request):
        sheet.append([v if isinstance(v, (datetime.date, int)) else guard(v) for v in values])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for column in DATE_COLUMNS:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
