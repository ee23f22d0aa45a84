"""`manage.py load_units`: the sample, a second load, and files refused with their line numbers."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from taxonomy.unit_loading import UnitFileError, load_units
from taxonomy.units import Succession, Unit

pytestmark = pytest.mark.django_db

HEADER = "ma,ten,loai,cap_tren,don_vi_cu,ngay_hieu_luc,ngay_ket_thuc,ten_cu\n"
JULY_1 = datetime.date(2025, 7, 1)


def state():
    units = Unit.objects.values_list(
        "code", "kind", "name", "parent__name", "ended_on", "former_names", "slug"
    )
    successions = Succession.objects.values_list("predecessor__name", "successor__name", "date")
    return sorted(units, key=str), sorted(successions, key=str)


def refused(csv_text):
    with pytest.raises(UnitFileError) as raised:
        load_units(csv_text.encode("utf-8") if isinstance(csv_text, str) else csv_text)
    assert not Unit.objects.exists() and not Succession.objects.exists()  # nothing loaded
    return raised.value.errors


def test_the_sample_loads_the_2025_mergers_and_a_second_load_changes_nothing(capsys):
    call_command("load_units")
    ninh_binh = Unit.objects.get(name="Ninh Bình")
    ha_nam = Unit.objects.get(name="Hà Nam")
    assert ninh_binh.is_current and ha_nam.ended_on == JULY_1
    assert ha_nam.label == "tỉnh Hà Nam (cũ)"
    assert list(ha_nam.successor_units()) == [ninh_binh]
    assert {u.name for u in ninh_binh.predecessor_units()} == {"Hà Nam", "Nam Định"}
    ly_nhan = Unit.objects.get(name="Lý Nhân")
    assert ly_nhan.parent == ha_nam and ly_nhan.ended_on == JULY_1
    assert Unit.objects.get(name="Nghệ An").is_current  # not merged in 2025
    before = state()
    call_command("load_units")
    assert "thêm 0, cập nhật 0; sắp xếp mới: 0" in capsys.readouterr().out
    assert state() == before


def test_former_units_named_only_in_don_vi_cu_are_created_ended():
    load_units(HEADER + ",Mộc Hoàn,xã,,xã Mộc Bắc; xã Mộc Nam,01/07/2025,,\n")
    moc_bac = Unit.objects.get(name="Mộc Bắc")
    assert moc_bac.kind == "xã" and moc_bac.ended_on == JULY_1
    assert [u.name for u in moc_bac.successor_units()] == ["Mộc Hoàn"]


def test_unknown_parent_is_refused_with_its_line():
    errors = refused(HEADER + "1,A,xã,,,,,\n2,B,xã,huyện Không Có,,,,\n")
    assert errors == ["Dòng 3: không tìm thấy đơn vị cấp trên “huyện Không Có”."]


def test_duplicate_codes_are_refused():
    errors = refused(HEADER + "7,A,xã,,,,,\n7,B,xã,,,,,\n")
    assert errors == ["Dòng 3: mã 7 trùng với dòng 2."]


def test_a_cycle_of_mergers_is_refused():
    errors = refused(HEADER + "1,A,xã,,xã B,01/07/2025,,\n2,B,xã,,xã A,01/07/2025,,\n")
    assert "Dòng 2: vòng lặp sáp nhập (đơn vị trở lại chính nó)." in errors
    assert "Dòng 3: vòng lặp sáp nhập (đơn vị trở lại chính nó)." in errors


def test_a_cycle_of_parents_and_a_unit_merged_into_itself_are_refused():
    errors = refused(HEADER + "1,A,xã,2,,,,\n2,B,huyện,1,,,,\n3,C,xã,,xã C,01/07/2025,,\n")
    assert "Dòng 2: vòng lặp cấp trên (đơn vị trở lại chính nó)." in errors
    assert "Dòng 4: đơn vị không thể sáp nhập vào chính nó." in errors


@pytest.mark.parametrize("value", ["31/02/2025", "2025/07/01", "1-7", "hôm qua"])
def test_bad_dates_are_refused(value):
    errors = refused(HEADER + f"1,A,xã,,xã B,{value},,\n")
    assert errors == [f"Dòng 2: ngày “{value}” không đúng (viết dd/mm/yyyy)."]


def test_a_merger_without_its_date_and_an_unknown_kind_are_refused():
    errors = refused(HEADER + "1,A,xã,,xã B,,,\n2,C,làng,,,,,\n")
    assert errors == [
        "Dòng 2: có đơn vị cũ nhưng thiếu ngày hiệu lực.",
        "Dòng 3: loại “làng” không có trong danh mục.",
    ]


def test_a_file_that_is_not_utf8_is_refused_with_the_line():
    # A line saved in Windows' Vietnamese code page (cp1258): "Môc Bác", "xã" as single bytes.
    data = HEADER.encode() + b"1,M\xf4c B\xe1c,x\xe3,,,,,\n"
    errors = refused(data)
    assert errors == ["Dòng 2: tệp không phải UTF-8; hãy lưu lại dưới dạng CSV UTF-8."]


def test_missing_columns_are_refused():
    assert refused("ma,name\n1,A\n") == [
        "Dòng 1: thiếu cột ten, loai (cần ma, ten, loai, cap_tren, don_vi_cu, ngay_hieu_luc, "
        "ngay_ket_thuc, ten_cu)."
    ]


def test_the_command_reports_every_problem_and_loads_nothing(tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_text(HEADER + "7,A,xã,,,,,\n7,B,xã,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 3: mã 7 trùng với dòng 2"):
        call_command("load_units", str(path))
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("load_units", str(tmp_path / "khong-co.csv"))
    assert not Unit.objects.exists()


def test_a_bom_and_vietnamese_headers_are_accepted():
    data = "\ufeffMã,Tên,Loại,Cấp trên\n1,Ninh Bình,tỉnh,\n".encode()
    report = load_units(data)
    assert report.created == 1 and Unit.objects.get().code == "1"
