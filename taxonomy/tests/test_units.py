"""Units: names as portals write them, history (family_ids) and the editors' scope."""

import datetime

import pytest

from taxonomy.tests.factories import UnitFactory, merge
from taxonomy.units import Kind, Unit, scope_ids

pytestmark = pytest.mark.django_db
JULY_1 = datetime.date(2025, 7, 1)


@pytest.fixture
def province():
    """tỉnh Ninh Bình, made of tỉnh Hà Nam (with huyện Lý Nhân and its xã Nhân Thịnh) on 1/7/2025."""
    ninh_binh = UnitFactory(kind=Kind.PROVINCE, name="Ninh Bình")
    ha_nam = UnitFactory(kind=Kind.PROVINCE, name="Hà Nam", code="35")
    ly_nhan = UnitFactory(kind=Kind.DISTRICT, name="Lý Nhân", parent=ha_nam, ended_on=JULY_1)
    nhan_thinh = UnitFactory(name="Nhân Thịnh", parent=ly_nhan)
    merge([ha_nam], ninh_binh, JULY_1)
    commune = UnitFactory(name="Nam Lý", parent=ninh_binh)
    merge([nhan_thinh], commune, JULY_1)
    return {u.name: u for u in Unit.objects.all()}


def test_names_slugs_and_labels_the_way_portals_write_them(province):
    assert province["Ninh Bình"].label == "tỉnh Ninh Bình"
    assert province["Hà Nam"].label == "tỉnh Hà Nam (cũ)"
    assert province["Lý Nhân"].slug == "huyen-ly-nhan"
    front = UnitFactory(kind=Kind.ORGANISATION, name="Hội Nông dân tỉnh Ninh Bình")
    assert front.label == "Hội Nông dân tỉnh Ninh Bình"  # no kind word before a body's name
    assert str(UnitFactory(kind=Kind.WARD, name=" Đô\u0301ng ")) == "phường Đống"  # NFC, trimmed


def test_current_units_come_first_on_every_database(province):
    names = [u.name for u in Unit.objects.all()]
    assert names.index("Ninh Bình") < names.index("Hà Nam")
    assert names.index("Nam Lý") < names.index("Lý Nhân")


def test_found_by_current_and_former_names_without_accents(province):
    ward = UnitFactory(
        kind=Kind.WARD, name="Duy Tân", former_names="thị xã Duy Tiên\nhuyện Duy Tiên"
    )
    assert list(Unit.objects.matching("duy tien")) == [ward]
    assert list(Unit.objects.matching("HUYEN duy")) == [ward]
    assert list(Unit.objects.matching("ha na")) == [province["Hà Nam"]]
    assert not Unit.objects.matching("khong co").exists()


def test_the_family_of_a_unit_holds_what_became_part_of_it(province, django_assert_num_queries):
    ids = {name: u.pk for name, u in province.items()}
    with django_assert_num_queries(2):
        family = Unit.objects.family_ids([ids["Ninh Bình"]])
    # Hà Nam merged into Ninh Bình, and its district (ended) with it; the current commune
    # Nam Lý is a unit of its own, not part of the province's own content.
    assert family == {ids["Ninh Bình"], ids["Hà Nam"], ids["Lý Nhân"], ids["Nhân Thịnh"]}
    assert Unit.objects.family_ids([ids["Nam Lý"]]) == {ids["Nam Lý"], ids["Nhân Thịnh"]}
    assert Unit.objects.family_ids([]) == set()
    # A current province keeps its former districts (Nghệ An was not merged in 2025).
    nghe_an = UnitFactory(kind=Kind.PROVINCE, name="Nghệ An")
    yen_thanh = UnitFactory(kind=Kind.DISTRICT, name="Yên Thành", parent=nghe_an, ended_on=JULY_1)
    UnitFactory(name="Quỳnh Lưu", parent=nghe_an)  # a current commune: a unit of its own
    assert Unit.objects.family_ids([nghe_an.pk]) == {nghe_an.pk, yen_thanh.pk}


def test_what_became_of_a_former_unit(province):
    assert list(province["Hà Nam"].successor_units()) == [province["Ninh Bình"]]
    assert list(province["Nam Lý"].predecessor_units()) == [province["Nhân Thịnh"]]


def test_scope_is_none_for_administrators_and_users_without_units(
    province, editor, superuser, django_user_model
):
    assert scope_ids(editor) is None
    assert scope_ids(None) is None
    province["Nam Lý"].editors.add(editor, superuser)
    editor = django_user_model.objects.get(pk=editor.pk)
    assert scope_ids(editor) == {province["Nam Lý"].pk, province["Nhân Thịnh"].pk}
    assert scope_ids(superuser) is None
