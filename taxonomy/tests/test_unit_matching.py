"""Unit names in an article's text (no database: the vocabulary is built by hand)."""

from taxonomy.unit_matching import UnitName, match_units

HA_NAM, LY_NHAN, DUY_TIEN_TOWN, DUY_TIEN_COMMUNE, FRONT, TAN_LAP_A, TAN_LAP_B = range(1, 8)
VOCABULARY = [
    UnitName(HA_NAM, "tỉnh Hà Nam", len("tỉnh")),
    UnitName(LY_NHAN, "huyện Lý Nhân", len("huyện")),
    UnitName(DUY_TIEN_TOWN, "thị xã Duy Tiên", len("thị xã")),
    UnitName(DUY_TIEN_TOWN, "huyện Duy Tiên", len("huyện")),
    UnitName(DUY_TIEN_COMMUNE, "xã Duy Tiên", len("xã")),
    UnitName(FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình", 0),
    UnitName(TAN_LAP_A, "xã Tân Lập", len("xã")),
    UnitName(TAN_LAP_B, "xã Tân Lập", len("xã")),
]


def test_current_and_former_names_with_their_kind_word_any_case_or_accents():
    text = "Tại điểm cầu Huyện Lý Nhân và HUYỆN DUY TIÊN (cũ), tinh Hà Nam đã họp."
    assert match_units(text, VOCABULARY).unit_ids == [LY_NHAN, DUY_TIEN_TOWN, HA_NAM]
    # "tinh Hà Nam" without accents on the kind word is still the province.
    assert match_units("ở tinh Hà Nam", VOCABULARY).unit_ids == [HA_NAM]


def test_the_order_is_the_order_of_first_mention_and_each_unit_once():
    text = "huyện Lý Nhân, tỉnh Hà Nam; lại huyện Lý Nhân."
    assert match_units(text, VOCABULARY).unit_ids == [LY_NHAN, HA_NAM]


def test_a_common_word_after_a_kind_word_is_no_name():
    vocabulary = [*VOCABULARY, UnitName(99, "xã Hội", len("xã"))]
    text = "công tác xã hội, an sinh xã hội và Tỉnh ủy Hà Nam"
    assert match_units(text, vocabulary).unit_ids == []


def test_a_name_without_its_kind_word_or_inside_a_word_is_not_read():
    assert match_units("Lý Nhân và Hà Nam", VOCABULARY).unit_ids == []
    assert match_units("tỉnh Hà Nampro", VOCABULARY).unit_ids == []


def test_the_longer_name_wins_thi_xa_is_not_xa():
    assert match_units("thị xã Duy Tiên", VOCABULARY).unit_ids == [DUY_TIEN_TOWN]
    assert match_units("xã Duy Tiên", VOCABULARY).unit_ids == [DUY_TIEN_COMMUNE]


def test_an_organisation_by_its_whole_name():
    text = "Ủy ban MTTQ... Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình phát động"
    assert match_units(text, VOCABULARY).unit_ids == [FRONT]


def test_a_name_two_units_share_is_proposed_for_neither_and_reported():
    matches = match_units("Nhân dân xã Tân Lập hiến đất", VOCABULARY)
    assert matches.unit_ids == []
    assert matches.ambiguous == ["xã Tân Lập"]


def test_nothing_in_empty_or_odd_text():
    assert match_units("", VOCABULARY).unit_ids == []
    assert match_units(None, VOCABULARY).unit_ids == []
    assert match_units("xã", VOCABULARY).unit_ids == []
    assert match_units("tỉnh Hà Nam", []).unit_ids == []
