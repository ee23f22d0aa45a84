"""Load units from a CSV in the layout of the official lists (README "Units").

One row per unit, current or former; the columns (Vietnamese headers, any order):

    ma            official code, where the unit has one
    ten           name without the kind word ("Mộc Bắc"), or an organisation's whole name
    loai          kind word: tỉnh, xã, phường, đặc khu, huyện, thị xã, thành phố, thị trấn,
                  cơ quan, tổ chức
    cap_tren      the parent: a code or a kind word and name ("tỉnh Hà Nam")
    don_vi_cu     the former units merged into this one, separated by ";" (codes or names)
    ngay_hieu_luc the date of that merger (dd/mm/yyyy or yyyy-mm-dd); required with don_vi_cu
    ngay_ket_thuc the date a unit ended without a successor of its own (a dissolved district)
    ten_cu        former names of this unit, separated by ";"

A former unit named in `don_vi_cu` needs no row of its own; it ends on `ngay_hieu_luc`.
The whole file is checked before anything is written: unknown references, duplicate codes
or names, a unit merged into itself or in a circle, bad dates, unknown kinds or a file that is
not UTF-8 are refused with the line number and the reason, and nothing is loaded. Loading the
same file again changes nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction

from core.text import fold, nfc, strip_control_chars
from taxonomy.units import Kind, Succession, Unit

COLUMNS = (
    "ma",
    "ten",
    "loai",
    "cap_tren",
    "don_vi_cu",
    "ngay_hieu_luc",
    "ngay_ket_thuc",
    "ten_cu",
)
REQUIRED = ("ten", "loai")
KINDS = {fold(kind.value): kind.value for kind in Kind}
# Longest first, so "thị xã Duy Tiên" is a town, not a commune "thị …".
KIND_WORDS = sorted(KINDS, key=len, reverse=True)


class UnitFileError(Exception):
    """The file cannot be loaded; `errors` lists "Dòng n: reason" for every problem found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(eq=False)
class Row:
    line: int
    code: str | None
    kind: str
    name: str
    parent: str
    former: list = field(default_factory=list)
    merged_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    former_names: list = field(default_factory=list)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    successions: int = 0


def parse_date(value):
    value = value.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"ngày “{value}” không đúng (viết dd/mm/yyyy)")


def split_reference(value):
    """ "xã Mộc Bắc" -> ("xã", "Mộc Bắc"); a bare code or name -> (None, value)."""
    value = value.strip().removesuffix("(cũ)").strip()
    folded = fold(value)
    for word in KIND_WORDS:
        if folded.startswith(word + " "):
            return KINDS[word], value[len(word) + 1 :].strip()
    return None, value


def _clean(value):
    return nfc(strip_control_chars(value or "", multiline=False)).strip()


def _list(value):
    return [part for part in (_clean(p) for p in (value or "").split(";")) if part]


def read_rows(data):
    """The file's rows as `Row`s, or UnitFileError listing every line that is wrong."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise UnitFileError(
                [f"Dòng {line}: tệp không phải UTF-8; hãy lưu lại dưới dạng CSV UTF-8."]
            ) from None
    reader = csv.DictReader(io.StringIO(data))
    header = [fold(h or "") for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UnitFileError([f"Dòng 1: thiếu cột {', '.join(missing)} (cần {', '.join(COLUMNS)})."])
    reader.fieldnames = header
    rows, errors = [], []
    for record in reader:
        line = reader.line_num
        values = {k: _clean(v) for k, v in record.items() if k in COLUMNS}
        problems = []
        kind = KINDS.get(fold(values.get("loai", "")))
        if kind is None:
            problems.append(f"loại “{values.get('loai', '')}” không có trong danh mục")
        if not values.get("ten"):
            problems.append("thiếu tên")
        dates = {}
        for column in ("ngay_hieu_luc", "ngay_ket_thuc"):
            if values.get(column):
                try:
                    dates[column] = parse_date(values[column])
                except ValueError as error:
                    problems.append(str(error))
        former = _list(values.get("don_vi_cu"))
        if former and "ngay_hieu_luc" not in dates and not values.get("ngay_hieu_luc"):
            problems.append("có đơn vị cũ nhưng thiếu ngày hiệu lực")
        if problems:
            errors.append(f"Dòng {line}: {'; '.join(problems)}.")
            continue
        rows.append(
            Row(
                line=line,
                code=values.get("ma") or None,
                kind=kind,
                name=values["ten"],
                parent=values.get("cap_tren", ""),
                former=former,
                merged_on=dates.get("ngay_hieu_luc"),
                ended_on=dates.get("ngay_ket_thuc"),
                former_names=_list(values.get("ten_cu")),
            )
        )
    if errors:
        raise UnitFileError(errors)
    return rows


class Resolver:
    """Finds a unit named in the file by code, or by kind word and name, among the file's rows
    and the units already stored. Rows come first; stored units fill what the file lacks."""

    def __init__(self, rows):
        self.by_code, self.by_name, self.errors = {}, {}, []
        for row in rows:
            if row.code:
                if row.code in self.by_code:
                    first = self.by_code[row.code].line
                    self.errors.append(f"Dòng {row.line}: mã {row.code} trùng với dòng {first}.")
                self.by_code[row.code] = row
            self.by_name.setdefault(self.name_key(row.kind, row.name), []).append(row)
        self.stored = list(Unit.objects.all())

    @staticmethod
    def name_key(kind, name):
        return (kind, fold(name))

    def find(self, reference):
        """A Row, a stored Unit, or None; raises ValueError when the name is ambiguous."""
        if reference in self.by_code:
            return self.by_code[reference]
        for unit in self.stored:
            if unit.code and unit.code == reference:
                return unit
        kind, name = split_reference(reference)
        candidates = self.by_name.get(self.name_key(kind, name), []) if kind else []
        if not candidates and kind:
            candidates = [u for u in self.stored if u.kind == kind and fold(u.name) == fold(name)]
        if len(candidates) > 1:
            raise ValueError(f"“{reference}” chỉ nhiều đơn vị; hãy ghi mã")
        return candidates[0] if candidates else None


def plan(rows):
    """Check every reference and the succession graph; the errors of the whole file, or the
    parents and successions to write."""
    resolver = Resolver(rows)
    errors = list(resolver.errors)
    parents, merges, implied = {}, [], {}
    seen_names = {}
    for row in rows:
        key = (row.kind, fold(row.name), fold(row.parent))
        if key in seen_names:
            errors.append(f"Dòng {row.line}: đơn vị trùng với dòng {seen_names[key]}.")
        seen_names[key] = row.line
        if row.parent:
            try:
                parent = resolver.find(row.parent)
            except ValueError as error:
                errors.append(f"Dòng {row.line}: cấp trên {error}.")
                parent = None
            else:
                if parent is None:
                    errors.append(
                        f"Dòng {row.line}: không tìm thấy đơn vị cấp trên “{row.parent}”."
                    )
                elif parent is row:
                    errors.append(f"Dòng {row.line}: đơn vị không thể là cấp trên của chính nó.")
            parents[row.line] = parent
        for reference in row.former:
            try:
                before = resolver.find(reference)
            except ValueError as error:
                errors.append(f"Dòng {row.line}: đơn vị cũ {error}.")
                continue
            if before is None:
                kind, name = split_reference(reference)
                if kind is None:
                    errors.append(
                        f"Dòng {row.line}: đơn vị cũ “{reference}” không có trong tệp; "
                        "ghi kèm loại (“xã …”) để tạo."
                    )
                    continue
                # One implied former unit however many rows name it (a split).
                before = implied.setdefault(
                    (kind, fold(name)),
                    Row(line=row.line, code=None, kind=kind, name=name, parent=""),
                )
            if before is row:
                errors.append(f"Dòng {row.line}: đơn vị không thể sáp nhập vào chính nó.")
                continue
            merges.append((before, row, row.merged_on))
    errors.extend(_cycles(rows, parents, merges))
    if errors:
        raise UnitFileError(errors)
    return parents, merges, list(implied.values())


def _cycles(rows, parents, merges):
    """A unit that is, through parents or mergers, its own ancestor or its own successor."""
    errors = []
    for label, edges in (
        ("cấp trên", [(row, parents.get(row.line)) for row in rows]),
        ("sáp nhập", [(before, after) for before, after, _ in merges]),
    ):
        graph = {}
        for child, target in edges:
            if target is not None:
                graph.setdefault(id(child), []).append(target)
        for row in rows:
            todo, seen = list(graph.get(id(row), [])), set()
            while todo:
                node = todo.pop()
                if node is row:
                    errors.append(f"Dòng {row.line}: vòng lặp {label} (đơn vị trở lại chính nó).")
                    break
                if id(node) in seen:
                    continue
                seen.add(id(node))
                todo.extend(graph.get(id(node), []))
    return errors


@transaction.atomic
def load_units(data):
    """Load the CSV `data` (bytes or str). Returns a Report; raises UnitFileError with every
    problem of the file, having written nothing."""
    rows = read_rows(data)
    parents, merges, implied = plan(rows)
    report = Report()
    units = {}

    def store(row, parent=None, ended_on=None):
        unit = _existing(row, parent)
        values = {
            "code": row.code,
            "kind": row.kind,
            "name": row.name,
            "parent": parent,
            "ended_on": ended_on or row.ended_on,
            "former_names": "\n".join(row.former_names),
        }
        if unit is None:
            unit = Unit(**values)
            unit.save()
            report.created += 1
        else:
            if row in implied:
                # A unit named only as someone's former unit keeps what its own row said.
                values = {"ended_on": unit.ended_on or values["ended_on"]}
            changed = {k: v for k, v in values.items() if getattr(unit, k) != v}
            if changed:
                for k, v in changed.items():
                    setattr(unit, k, v)
                unit.save()
                report.updated += 1
        units[id(row)] = unit
        return unit

    ends = {}
    for before, _after, date in merges:
        if isinstance(before, Row):
            ends[id(before)] = min(filter(None, [ends.get(id(before)), date]))
    # Parents before children: repeat until every row whose parent is stored is stored.
    pending = [*rows, *implied]
    while pending:
        progress = []
        for row in pending:
            parent = parents.get(row.line) if row in rows else None
            if isinstance(parent, Row):
                if id(parent) not in units:
                    continue
                parent = units[id(parent)]
            store(row, parent, ends.get(id(row)))
            progress.append(row)
        if not progress:  # pragma: no cover - _cycles refused these already
            raise UnitFileError([f"Dòng {pending[0].line}: vòng lặp cấp trên."])
        pending = [row for row in pending if row not in progress]
    for before, after, date in merges:
        before = units.get(id(before), before)
        after = units[id(after)]
        _, created = Succession.objects.get_or_create(
            predecessor=before, successor=after, defaults={"date": date}
        )
        if not created:
            Succession.objects.filter(predecessor=before, successor=after).exclude(
                date=date
            ).update(date=date)
        report.successions += created
        if isinstance(before, Unit) and before.ended_on is None:
            before.ended_on = date
            before.save()
            report.updated += 1
    return report


def _existing(row, parent):
    if row.code:
        found = Unit.objects.filter(code=row.code).first()
        if found:
            return found
    return Unit.objects.filter(kind=row.kind, name=row.name, parent=parent).first() or (
        Unit.objects.filter(kind=row.kind, name=row.name).first() if parent is None else None
    )
