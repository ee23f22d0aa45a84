import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from practices import loading
from practices.models import Level, Practice
from practices.numbers import format_figure, parse_figure
from practices.tests.factories import UnitFactory
from taxonomy.units import Kind

SAMPLE = (loading.__file__.rsplit("/", 1)[0]) + "/tests/samples/mo-hinh.csv"
HEADER = "ten,don_vi,linh_vuc,doi_tuong,nam_bat_dau,cong_nhan,ket_qua,tom_tat,lien_he\n"


@pytest.fixture
def units(db):
    return UnitFactory(kind=Kind.COMMUNE, name="Mộc Bắc"), UnitFactory(
        kind=Kind.WARD, name="Lam Hạ"
    )


def test_figures_the_vietnamese_way():
    assert [format_figure(Decimal(v)) for v in ("12", "1.2", "12500", "3400.75")] == [
        "12", "1,2", "12.500", "3.400,75",
    ]  # fmt: skip
    assert parse_figure("1,2") == Decimal("1.2") and parse_figure("12.500") == 12500
    assert parse_figure("abc") is None and parse_figure("1,2,3") is None


def test_the_sample_loads_and_a_second_run_changes_nothing(units):
    data = Path(SAMPLE).read_bytes()
    assert loading.load(data, "mo-hinh.csv") == loading.Report(created=2)
    roads = Practice.objects.get(title="Tuyến đường hoa tự quản")
    assert roads.unit == units[0] and roads.sector.name == "Kinh tế" and roads.status == "draft"
    assert sorted(g.name for g in roads.groups.all()) == ["Nông dân", "Phụ nữ"]
    assert [(r.level, r.year, r.decision) for r in roads.recognitions.all()] == [
        (Level.PROVINCE, 2024, "1234/QĐ-UBND"),
        (Level.COMMUNE, 2022, ""),
    ]
    assert roads.last_recognised_year == 2024
    assert [str(r) for r in roads.results.all()] == ["12 km đường giao thông"]
    camera = Practice.objects.get(title="Camera an ninh")
    assert [str(r) for r in camera.results.all()] == ["1,2 tỷ đồng nhân dân đóng góp", "48 camera"]
    assert loading.load(data, "mo-hinh.csv") == loading.Report(unchanged=2)
    assert Practice.objects.count() == 2


def test_xlsx_with_vietnamese(units):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên", "Đơn vị", "Năm bắt đầu", "Công nhận"])
    sheet.append(
        ["Dân vận khéo trong giải phóng mặt bằng", "xã Mộc Bắc", 2020, "cấp toàn quốc 2025"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    assert loading.load(buffer.getvalue(), "ds.xlsx").created == 1
    practice = Practice.objects.get()
    assert practice.year_started == 2020 and practice.last_recognised_year == 2025


def test_bad_rows_are_refused_with_line_numbers_and_nothing_is_loaded(units):
    data = (
        HEADER
        + "Mô hình tốt,xã Mộc Bắc,Kinh tế,,2021,,,,\n"
        + "Mô hình lạ,xã Không Có,Kinh tế,,,,,,\n"
        + "Mô hình ba,xã Mộc Bắc,Nông nghiệp,Trẻ em,20x1,cấp huyện 2024,nhiều km,,\n"
        + ",xã Mộc Bắc,,,,,,,\n"
        + "Mô hình tốt,xã Mộc Bắc,,,,,,,\n"
    ).encode()
    with pytest.raises(loading.PracticeFileError) as error:
        loading.load(data, "a.csv")
    lines = error.value.errors
    assert lines[0] == "Dòng 3: đơn vị “xã Không Có” chưa có trong danh mục đơn vị."
    assert lines[1].startswith("Dòng 4: lĩnh vực “Nông nghiệp” không có trong danh mục; ")
    assert "đối tượng “Trẻ em”" in lines[1] and "năm bắt đầu “20x1”" in lines[1]
    assert "công nhận “cấp huyện 2024”" in lines[1] and "kết quả “nhiều km”" in lines[1]
    assert lines[2] == "Dòng 5: thiếu tên mô hình."
    assert lines[3].startswith("Dòng 6: mô hình “Mô hình tốt” của xã Mộc Bắc trùng với dòng 2")
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    "data, message",
    [
        (b"ten,linh_vuc\nA,Kinh te\n", "Dòng 1: thiếu cột don_vi"),
        (b"ten,don_vi\nM\xf4 h\xecnh,x\xe3\n", "Dòng 2: tệp không phải UTF-8"),
        (b"", "Dòng 1: tệp trống."),
    ],
)
def test_unreadable_files(units, data, message):
    with pytest.raises(loading.PracticeFileError) as error:
        loading.load(data, "a.csv")
    assert message in error.value.errors[0]


def test_damaged_xlsx(units):
    with pytest.raises(loading.PracticeFileError, match="không đọc được tệp Excel"):
        loading.load(b"PK\x03\x04 not a workbook", "a.xlsx")


def test_the_command(units, tmp_path):
    call_command("load_practices", SAMPLE, verbosity=0)
    assert Practice.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "A,xã Không Có,,,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 2"):
        call_command("load_practices", str(bad))
