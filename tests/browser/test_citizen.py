"""A citizen reads the site in Chromium, at desktop and at phone width, with axe on every page."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, check, path_of, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_menu_by_keyboard(page):
    """Tab from the top of the page to the menu button, Enter opens it: the links show."""
    toggle = page.locator(".nav-toggle")
    # The skip link, the reading aids (4), the brand, the header search (2), then the button.
    for _ in range(12):
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the menu button is not reachable with Tab")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-nav a", has_text="Văn bản")).to_be_visible()


def nav_to(page, label, phone):
    """Follow a main-menu link; on a phone the menu opens first."""
    if phone:
        page.locator(".nav-toggle").click()
    page.locator("#site-nav").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_reads_news_searches_documents_and_takes_an_event_home(
    page, site_content, viewport
):
    phone = viewport == PHONE

    # Home: the lead story and the latest news, with pictures.
    page.goto("/")
    expect(page.locator(".lead-story .lead-title a")).to_be_visible()
    assert page.locator(".card-list img").count() >= 2
    if phone:
        expect(page.locator(".nav-toggle")).to_be_visible()
        expect(page.locator("#site-nav a", has_text="Văn bản")).to_be_hidden()
        open_menu_by_keyboard(page)
        shoot(page, "home-menu-open")
        page.keyboard.press("Escape")
        expect(page.locator(".nav-toggle")).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#site-nav a", has_text="Văn bản")).to_be_hidden()
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    else:
        expect(page.locator(".nav-toggle")).to_be_hidden()
        expect(page.locator("#site-nav a", has_text="Văn bản")).to_be_visible()
    check(page, "home")

    # A news post, then one of its topics.
    title = page.locator(".lead-story .lead-title a").inner_text()
    page.locator(".lead-story .lead-title a").click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".breadcrumbs")).to_contain_text("Tin tức")
    check(page, "post")
    tag = page.locator(".post-tags .tag-list a").first
    tag_name = tag.inner_text()
    tag.click()
    expect(page.locator("h1")).to_contain_text(tag_name)
    assert page.locator(".post-list .card").count() >= 1
    shoot(page, "tag")

    # The news list (from the menu).
    nav_to(page, "Tin tức", phone)
    assert path_of(page) == "/tin-tuc/"
    assert page.locator(".post-list .card").count() == len(site_content["posts"])
    check(page, "news-list")

    # Search without diacritics finds the “Dân vận khéo” articles.
    nav_to(page, "Tìm kiếm", phone)
    page.locator("#search-q").fill("dan van kheo")
    page.locator("#search-q").press("Enter")
    expect(page.locator(".search-summary")).to_contain_text("kết quả")
    assert page.locator(".search-result").count() >= 1
    assert page.locator(".search-results mark").count() >= 1
    check(page, "search")
    page.locator(".search-result .card-title a").first.click()
    expect(page.locator("main")).to_contain_text(re.compile("dân vận khéo", re.I))

    # The registry, filtered to a year by its facet, then one document.
    nav_to(page, "Văn bản", phone)
    total = page.locator(".docs-table tbody tr").count()
    if phone:  # issue 16: on phones the filters are folded below the search, results first
        page.locator(".docs-filter-box summary").click()
    page.locator("#facet-year + ul a", has_text="2021").click()
    assert "year=2021" in page.url
    expect(page.locator("#facet-year + ul a.is-selected")).to_contain_text("2021")
    rows = page.locator(".docs-table tbody tr")
    assert 0 < rows.count() < total
    for date in rows.locator("td:nth-child(2)").all_inner_texts():
        assert date.strip().endswith("2021"), date
    check(page, "registry-2021")
    number = rows.first.locator("td a").first.inner_text()
    rows.first.locator("td a").first.click()
    expect(page.locator("h1")).to_have_text(number)
    shoot(page, "document")

    # The calendar: this month shows today's event; next and previous months by their links.
    nav_to(page, "Sự kiện", phone)
    shoot(page, "events")
    page.get_by_role("link", name="Xem lịch tháng").click()
    heading = page.locator("h1").inner_text()
    today = page.locator("td.day-today")
    expect(today.locator(".event-chip a")).to_contain_text("Hội nghị giao ban")
    check(page, "calendar")
    page.locator(".month-nav a[rel=next]").click()
    expect(page.locator("h1")).not_to_have_text(heading)
    page.locator(".month-nav a[rel=prev]").click()
    expect(page.locator("h1")).to_have_text(heading)
    page.locator(".month-nav a[rel=prev]").click()
    expect(page.locator("h1")).not_to_have_text(heading)
    page.locator(".month-nav a[rel=next]").click()
    expect(page.locator("h1")).to_have_text(heading)

    # The event, and its .ics file, which a calendar program can read.
    page.locator("td.day-today .event-chip a").first.click()
    expect(page.locator("h1")).to_have_text("Hội nghị giao ban công tác dân vận")
    shoot(page, "event")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"\.ics")).click()
    ics = Calendar.from_ical(download_info.value.path().read_bytes())
    events = [c for c in ics.walk() if c.name == "VEVENT"]
    assert [str(e["SUMMARY"]) for e in events] == ["Hội nghị giao ban công tác dân vận"]
    assert events[0].decoded("DTSTART").date() == site_content["event"].start_date


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_missing_page_is_a_helpful_accessible_404(page, site_content, viewport):
    response = page.goto("/trang-khong-co-that/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    check(page, "404")
    page.locator("#notfound-q").fill("dân vận")
    page.locator("#notfound-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q="))
    expect(page.locator("#search-q")).to_have_value("dân vận")
    expect(page.locator(".search-summary")).to_contain_text("kết quả")


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site_content):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_accessible(page)
