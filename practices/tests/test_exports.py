import csv
import io

import pytest
from openpyxl import load_workbook

from core.publishing import Status
from practices.tests.factories import ResultFactory, group, recognised

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    shown = recognised(2024, title="Đường hoa Đồng Văn – khéo vận động")
    shown.groups.add(group("dong-bao-dan-toc-thieu-so"))
    ResultFactory(practice=shown, value="1.2", unit="tỷ đồng", label="nhân dân đóng góp", year=2023)
    recognised(2023, title='=HYPERLINK("http://x")')
    recognised(2024, title="Bản nháp", status=Status.DRAFT)
    return shown


def test_xlsx_opens_with_vietnamese_intact_and_follows_the_filters(client, catalogue):
    response = client.get("/mo-hinh/tai-ve.xlsx?nam=2024")
    assert response.status_code == 200
    assert 'filename="mo-hinh-dan-van-kheo.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Mô hình"].iter_rows(values_only=True))
    assert rows[0][0] == "Tên mô hình" and len(rows) == 2
    name, unit, sector, groups, started, recognitions, last, results, url = rows[1]
    assert name == "Đường hoa Đồng Văn – khéo vận động"
    assert groups == "Đồng bào dân tộc thiểu số" and last == 2024 and started == 2021
    assert recognitions == "Cấp tỉnh 2024" and results == "1,2 tỷ đồng nhân dân đóng góp (2023)"
    assert url.endswith(catalogue.get_absolute_url())
    summary = list(book["Lĩnh vực × năm"].iter_rows(values_only=True))
    assert summary[0] == ("Lĩnh vực", 2024, "Tổng số mô hình")
    assert summary[-1] == ("Tổng số mô hình", 1, 1)


def test_csv_guards_formulas_and_lists_only_public_models(client, catalogue):
    response = client.get("/mo-hinh/tai-ve.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names and "Bản nháp" not in names
    assert len(rows) == 3


def test_export_of_an_invalid_filter_goes_back_to_the_list(client, catalogue):
    response = client.get("/mo-hinh/tai-ve.xlsx?cap=huyen")
    assert response.status_code == 302 and response["Location"].startswith("/mo-hinh/?")
