"""Issue 30 in Chromium: the phone header has its final size before any script runs, the
reading aids (size and contrast) pass axe in every state, and the weekly schedule reads, prints
on one A4 page and gives its week as .ics."""

import datetime
import io
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE
from tests.browser.helpers import AXE_SCRIPT, WAIT_MS, within

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = Path("/work/screens")


def shot(page, name):
    """A full-page screenshot for the issue's closing note (outside git, when the folder exists)."""
    if SCREENS.is_dir():
        page.screenshot(path=SCREENS / f"portal-{name}.png", full_page=True)


def violations(page):
    """Every axe violation (any impact) on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(within(WAIT_MS, "axe.run(document, {resultTypes: ['violations']})"))
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]


@pytest.fixture
def new_context(chromium, live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    contexts = []

    def make(viewport=PHONE, javascript=True):
        context = chromium.new_context(
            viewport=viewport,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            java_script_enabled=javascript,
            base_url=live_server.url,
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def header_height(page):
    page.wait_for_load_state("load")
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def test_the_phone_header_has_its_final_size_before_the_scripts_run(new_context, site_content):
    post_url = site_content["posts"][0].get_absolute_url()
    without_js = new_context(javascript=False)
    with_js = new_context()
    for url in ("/", post_url, "/van-ban/"):
        without_js.goto(url)
        with_js.goto(url)
        expect(with_js.locator("button.nav-toggle")).to_be_visible()  # the script ran
        before, after = header_height(without_js), header_height(with_js)
        assert before == after, (url, before, after)
        assert after < 260, (url, after)
    without_js.goto("/")
    shot(without_js, "phone-header-after-without-js")
    with_js.goto("/")
    shot(with_js, "phone-header-after-with-js")


def test_the_phone_menu_opens_without_javascript(new_context, site_content):
    page = new_context(javascript=False)
    page.goto("/")
    menu_link = page.locator("#site-nav a", has_text="Lịch công tác")
    expect(menu_link).to_be_hidden()
    page.locator("a.nav-toggle").click()
    expect(menu_link).to_be_visible()
    menu_link.click()
    expect(page.locator("h1")).to_have_text("Lịch công tác tuần")


SIZES = {"nho": "text-small", "vua": "", "lon": "text-large"}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_reading_aids_switch_remember_and_pass_axe_in_every_state(
    new_context, site_content, viewport
):
    page = new_context(viewport)
    page.goto("/")
    base = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for contrast in ("thuong", "cao"):
        for size, css_class in SIZES.items():
            page.locator(f".reading-aids button[name=co_chu][value={size}]").click()
            if (contrast == "cao") != page.evaluate(
                "document.documentElement.classList.contains('contrast-high')"
            ):
                page.locator(".reading-aids button[name=tuong_phan]").click()
            # Instant with JavaScript, and what the server renders on the next page.
            classes = page.evaluate("document.documentElement.className")
            assert (css_class in classes) and (("contrast-high" in classes) == (contrast == "cao"))
            page.reload()
            classes = page.evaluate("document.documentElement.className")
            assert (css_class in classes) and (("contrast-high" in classes) == (contrast == "cao"))
            expect(
                page.locator(f".reading-aids button[name=co_chu][value={size}]")
            ).to_have_attribute("aria-pressed", "true")
            size_now = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert (
                (size_now > base)
                if size == "lon"
                else (size_now < base)
                if size == "nho"
                else (size_now == base)
            )
            assert violations(page) == [], (size, contrast)
            if viewport == PHONE and size in ("vua", "lon"):
                shot(page, f"reading-aids-{size}-{contrast}-phone")
            if viewport != PHONE and size == "lon":
                shot(page, f"reading-aids-{size}-{contrast}-desktop")
    # The choice follows the reader to the other page types, which pass axe in it too.
    for url in (site_content["posts"][0].get_absolute_url(), "/van-ban/", "/su-kien/lich/"):
        page.goto(url)
        classes = page.evaluate("document.documentElement.className").split()
        assert {"text-large", "contrast-high"} <= set(classes)
        assert violations(page) == [], url


def test_reading_aids_work_without_javascript(new_context, site_content):
    page = new_context(javascript=False)
    page.goto("/van-ban/")
    page.locator(".reading-aids button[name=co_chu][value=lon]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/")
    assert "text-large" in page.evaluate("document.documentElement.className")
    page.locator(".reading-aids button[name=tuong_phan]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.className") == "text-large contrast-high"


@pytest.fixture
def this_week(db):
    from django.utils import timezone

    from core.publishing import Status
    from schedule.models import Session, WorkWeek
    from schedule.tests.factories import WorkItemFactory, WorkWeekFactory

    week = WorkWeekFactory(
        title="Lịch công tác của Thường trực Ban", status=Status.DRAFT, publish_at=None
    )
    rows = [
        (1, Session.MORNING, datetime.time(7, 30), "Giao ban Thường trực Ban", "Phòng họp số 1"),
        (
            1,
            Session.AFTERNOON,
            datetime.time(14, 0),
            "Làm việc với Ủy ban MTTQ tỉnh về công tác dân vận năm 2027",
            "Trụ sở Ủy ban MTTQ tỉnh",
        ),
        (
            2,
            Session.MORNING,
            datetime.time(8, 0),
            "Dự Hội nghị tổng kết phong trào thi đua “Dân vận khéo”",
            "Hội trường Tỉnh ủy",
        ),
        (2, Session.AFTERNOON, None, "Làm việc tại cơ quan", ""),
        (
            3,
            Session.MORNING,
            datetime.time(8, 0),
            "Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại xã",
            "Đảng ủy xã",
        ),
        (
            3,
            Session.AFTERNOON,
            datetime.time(14, 0),
            "Tiếp công dân định kỳ",
            "Trụ sở tiếp công dân tỉnh",
        ),
        (
            4,
            Session.MORNING,
            datetime.time(7, 30),
            "Dự phiên họp Ban Thường vụ Tỉnh ủy",
            "Phòng họp Ban Thường vụ",
        ),
        (
            4,
            Session.AFTERNOON,
            datetime.time(14, 0),
            "Họp Tổ công tác biên tập Cổng thông tin điện tử",
            "Phòng họp số 2",
        ),
        (
            5,
            Session.MORNING,
            datetime.time(8, 0),
            "Tọa đàm kỷ niệm Ngày truyền thống công tác dân vận",
            "Hội trường Tỉnh ủy",
        ),
        (
            5,
            Session.AFTERNOON,
            datetime.time(15, 0),
            "Làm việc với Hội Nông dân tỉnh",
            "Trụ sở Hội Nông dân tỉnh",
        ),
        (6, Session.MORNING, datetime.time(8, 0), "Trực lãnh đạo Ban", "Cơ quan Ban"),
    ]
    for weekday, session, time, content, location in rows:
        WorkItemFactory(
            week=week,
            weekday=weekday,
            session=session,
            time=time,
            content=content,
            location=location,
            participants="Lãnh đạo Ban; lãnh đạo các phòng liên quan",
        )
    yesterday = timezone.now() - datetime.timedelta(days=1)
    WorkWeek.objects.filter(pk=week.pk).update(
        status=Status.PUBLISHED, publish_at=yesterday, public_since=yesterday
    )
    week.refresh_from_db()
    # Changed after publication: marked "Điều chỉnh".
    row = week.rows.get(content="Làm việc với Hội Nông dân tỉnh")
    row.time = datetime.time(16, 0)
    row.save()
    return week


def test_the_schedule_reads_prints_on_one_a4_page_and_downloads_as_ics(
    new_context, site_content, this_week
):
    page = new_context({"width": 1280, "height": 900})
    page.goto("/")
    page.locator("#site-nav").get_by_role("link", name="Lịch công tác", exact=True).click()
    expect(page.locator("h1")).to_have_text("Lịch công tác tuần")
    expect(page.locator(".work-schedule tbody")).to_have_count(6)
    assert violations(page) == []
    shot(page, "schedule-week")
    page.get_by_role("link", name="‹ Tuần trước").click()
    expect(page.locator(".empty")).to_contain_text("Chưa có lịch công tác")
    page.get_by_role("link", name="Tuần này").click()
    page.get_by_role("link", name="Bản in").click()
    expect(page.locator("h1")).to_have_text("Lịch công tác tuần")
    assert violations(page) == []
    shot(page, "schedule-print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210
    )
    page.goto(this_week.get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải lịch (.ics)").click()
    cal = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert len(cal.walk("VEVENT")) == 11


def test_the_schedule_on_a_phone(new_context, site_content, this_week):
    page = new_context()
    page.goto("/lich-cong-tac/")
    expect(page.locator(".work-schedule td.col-content").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert violations(page) == []
    shot(page, "schedule-week-phone")
