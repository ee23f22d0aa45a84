"""Load a list of models from a spreadsheet (.xlsx or CSV UTF-8) in the layout below (README
"Mô hình Dân vận khéo"). One row per model; Vietnamese headers without diacritics, any order:

    ten          the model's name (required)
    don_vi       the unit that runs it: its code, or kind word and name ("xã Mộc Bắc"); required,
                 and it must be a unit the site knows (manage.py load_units)
    linh_vuc     a field of the vocabulary ("Kinh tế", "Văn hóa – xã hội" …)
    doi_tuong    groups of the vocabulary, separated by ";"
    nam_bat_dau  the year it started
    cong_nhan    its recognitions, separated by ";": level and year, the decision in brackets
                 ("cấp tỉnh 2024 (1234/QĐ-UBND); cấp xã 2022")
    ket_qua      its results, separated by ";": a figure, its unit, what it counts, a year in
                 brackets ("12 km đường giao thông (2023); 350 hộ thoát nghèo; 1,2 tỷ đồng")
    tom_tat      a summary (plain text)
    lien_he      the unit's contact (no personal data)

The whole file is checked before anything is written: every problem is refused with its line
number, and nothing is loaded. A model is known by its name and unit, so loading the same file
again changes nothing; a changed row updates its model (recognitions and results as the file
writes them). New models are drafts, for a publisher to review and publish.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape

from core.publishing import Status
from core.text import fold, nfc, strip_control_chars
from taxonomy.unit_loading import split_reference
from taxonomy.units import Unit

from .models import MAX_YEAR, MIN_YEAR, Group, Level, Practice, Recognition, Result, Sector
from .numbers import parse_figure

COLUMNS = (
    "ten", "don_vi", "linh_vuc", "doi_tuong", "nam_bat_dau", "cong_nhan", "ket_qua", "tom_tat",
    "lien_he",
)  # fmt: skip
REQUIRED = ("ten", "don_vi")
MAX_ROWS = 50_000
LEVELS = {fold(label): value for value, label in Level.choices} | {
    "cap trung uong": Level.NATIONAL,
    "toan quoc": Level.NATIONAL,
    "trung uong": Level.NATIONAL,
    "xa": Level.COMMUNE,
    "tinh": Level.PROVINCE,
}
_RECOGNITION = re.compile(r"^(?P<level>.+?)\s+(?P<year>\d{4})\s*(?:\((?P<decision>[^)]*)\))?$")
_RESULT = re.compile(r"^(?P<figure>-?[\d.,]+)\s+(?P<rest>.+?)\s*(?:\((?P<year>\d{4})\))?$")
# Units of measure of more than one word, read before the one-word rule.
MEASURES = ("tỷ đồng", "triệu đồng", "nghìn đồng", "ngày công", "lượt người", "con đường")


class PracticeFileError(Exception):
    """The file cannot be loaded; `errors` lists "Dòng n: reason" for every problem found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Row:
    line: int
    name: str
    unit: Unit
    sector: Sector | None
    groups: list
    year_started: int | None
    recognitions: list = field(default_factory=list)  # (level, year, decision)
    results: list = field(default_factory=list)  # (value, unit, label, year)
    summary: str = ""
    contact: str = ""

    @property
    def key(self):
        return f"{self.unit.pk}|{' '.join(fold(self.name).split())}"[:200]


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _clean(value):
    return nfc(strip_control_chars("" if value is None else str(value), multiline=False)).strip()


def _parts(value):
    return [part for part in (p.strip() for p in value.split(";")) if part]


def _year(text, what):
    if not re.fullmatch(r"\d{4}", text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValueError(f"{what} “{text}” phải là năm từ {MIN_YEAR} đến {MAX_YEAR}")
    return int(text)


def parse_recognition(text):
    match = _RECOGNITION.match(text)
    level = LEVELS.get(fold(match["level"])) if match else None
    if level is None:
        raise ValueError(f"công nhận “{text}” phải viết như “cấp tỉnh 2024 (số quyết định)”")
    return level, _year(match["year"], "năm công nhận"), (match["decision"] or "").strip()


def parse_result(text):
    match = _RESULT.match(text)
    value = parse_figure(match["figure"]) if match else None
    if value is None:
        raise ValueError(f"kết quả “{text}” phải bắt đầu bằng số, như “12 km đường giao thông”")
    rest = match["rest"]
    measure = next((m for m in MEASURES if fold(rest).startswith(fold(m))), None)
    if measure:
        unit, label = rest[: len(measure)], rest[len(measure) :].strip()
    else:
        unit, _, label = rest.partition(" ")
    year = _year(match["year"], "năm của kết quả") if match["year"] else None
    return value, unit, label.strip(), year


class Vocabulary:
    """Units, fields and groups, read once, looked up folded."""

    def __init__(self):
        self.units = list(Unit.objects.all())
        self.sectors = {fold(s.name): s for s in Sector.objects.all()}
        self.groups = {fold(g.name): g for g in Group.objects.all()}

    def unit(self, reference):
        found = [u for u in self.units if u.code and u.code == reference]
        if not found:
            kind, name = split_reference(reference)
            found = [
                u
                for u in self.units
                if (kind is None or u.kind == kind) and fold(u.name) == fold(name)
            ]
        if len(found) > 1:
            raise ValueError(f"“{reference}” chỉ nhiều đơn vị; hãy ghi mã đơn vị")
        if not found:
            raise ValueError(f"đơn vị “{reference}” chưa có trong danh mục đơn vị")
        return found[0]

    def lookup(self, table, value, what):
        if fold(value) not in table:
            raise ValueError(f"{what} “{value}” không có trong danh mục")
        return table[fold(value)]


def read_table(data, filename):
    """(header, [(line, [cells])]) from .xlsx or CSV bytes; PracticeFileError if unreadable."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # noqa: PLC0415 (a heavy library, loaded when used)

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception:  # openpyxl raises many kinds for a damaged or foreign file
            raise PracticeFileError(["Dòng 1: không đọc được tệp Excel (.xlsx)."]) from None
        lines = [(n, list(r)) for n, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise PracticeFileError(
                [f"Dòng {line}: tệp không phải UTF-8; hãy lưu lại dưới dạng CSV UTF-8."]
            ) from None
        reader = csv.reader(io.StringIO(text))
        lines = [(reader.line_num, row) for row in reader]
    if not lines:
        raise PracticeFileError(["Dòng 1: tệp trống."])
    (_, header), *body = lines
    return [fold(_clean(h)).replace(" ", "_") for h in header], body


def read_rows(data, filename):
    """The file's models as `Row`s, or PracticeFileError listing every line that is wrong."""
    header, body = read_table(data, filename)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PracticeFileError(
            [f"Dòng 1: thiếu cột {', '.join(missing)} (các cột: {', '.join(COLUMNS)})."]
        )
    if len(body) > MAX_ROWS:
        raise PracticeFileError([f"Dòng {MAX_ROWS + 2}: tệp có quá {MAX_ROWS} dòng."])
    vocabulary, rows, errors, seen = Vocabulary(), [], [], {}
    for line, cells in body:
        values = {h: _clean(v) for h, v in zip(header, cells, strict=False) if h in COLUMNS}
        if not any(values.values()):
            continue  # blank lines between groups of rows
        try:
            row = _row(line, values, vocabulary)
        except ValueError as error:
            errors.append(f"Dòng {line}: {error}.")
            continue
        if row.key in seen:
            errors.append(
                f"Dòng {line}: mô hình “{row.name}” của {row.unit.label} trùng với dòng {seen[row.key]}."
            )
        seen[row.key] = line
        rows.append(row)
    if errors:
        raise PracticeFileError(errors)
    return rows


def _row(line, values, vocabulary):
    problems = []

    def attempt(function, *args):
        try:
            return function(*args)
        except ValueError as error:
            problems.append(str(error))
            return None

    if not values.get("ten"):
        problems.append("thiếu tên mô hình")
    unit = attempt(vocabulary.unit, values["don_vi"]) if values.get("don_vi") else None
    if not values.get("don_vi"):
        problems.append("thiếu đơn vị")
    sector = (
        attempt(vocabulary.lookup, vocabulary.sectors, values["linh_vuc"], "lĩnh vực")
        if values.get("linh_vuc")
        else None
    )
    groups = [
        attempt(vocabulary.lookup, vocabulary.groups, g, "đối tượng")
        for g in _parts(values.get("doi_tuong", ""))
    ]
    started = values.get("nam_bat_dau", "").removesuffix(".0")
    year_started = attempt(_year, started, "năm bắt đầu") if started else None
    recognitions = [attempt(parse_recognition, p) for p in _parts(values.get("cong_nhan", ""))]
    results = [attempt(parse_result, p) for p in _parts(values.get("ket_qua", ""))]
    if problems:
        raise ValueError("; ".join(problems))
    levels_years = [(level, year) for level, year, _ in recognitions]
    if len(set(levels_years)) != len(levels_years):
        raise ValueError("một cấp và năm công nhận được ghi hai lần")
    return Row(
        line, values["ten"], unit, sector, groups, year_started, recognitions, results,
        values.get("tom_tat", ""), values.get("lien_he", ""),
    )  # fmt: skip


def _fields(row):
    summary = "".join(f"<p>{escape(p)}</p>" for p in row.summary.split("\n") if p.strip())
    return {
        "title": row.name,
        "unit": row.unit,
        "sector": row.sector,
        "year_started": row.year_started,
        "summary": summary,
        "contact": row.contact,
    }


def _state(practice):
    return (
        practice.title, practice.unit_id, practice.sector_id, practice.year_started,
        practice.summary, practice.contact,
        sorted(practice.groups.values_list("pk", flat=True)),
        sorted(practice.recognitions.values_list("level", "year", "decision")),
        sorted((float(v), u, lb, y) for v, u, lb, y in practice.results.values_list("value", "unit", "label", "year")),
    )  # fmt: skip


def _wanted(row, fields):
    return (
        fields["title"], row.unit.pk, row.sector.pk if row.sector else None, row.year_started,
        fields["summary"], row.contact, sorted(g.pk for g in row.groups),
        sorted(row.recognitions),
        sorted((float(v), u, lb, y) for v, u, lb, y in row.results),
    )  # fmt: skip


@transaction.atomic
def load(data, filename, user=None):
    """Check the whole file, then write it in one transaction; a Report of what changed."""
    rows = read_rows(data, filename)
    report = Report()
    for row in rows:
        fields = _fields(row)
        practice = Practice.objects.filter(import_key=row.key).first()
        if practice is not None and _state(practice) == _wanted(row, fields):
            report.unchanged += 1
            continue
        if practice is None:
            practice = Practice(import_key=row.key, status=Status.DRAFT, created_by=user)
            report.created += 1
        else:
            report.updated += 1
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.updated_by = user
        practice.save()
        practice.units.add(row.unit)
        practice.groups.set(row.groups)
        practice.recognitions.all().delete()
        for level, year, decision in row.recognitions:
            Recognition(practice=practice, level=level, year=year, decision=decision).save()
        practice.refresh_last_recognised_year()
        practice.results.all().delete()
        Result.objects.bulk_create(
            Result(practice=practice, value=v, unit=u, label=lb, year=y, position=i)
            for i, (v, u, lb, y) in enumerate(row.results)
        )
    return report
