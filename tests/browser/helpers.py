"""What every browser test does on a page: wait for pictures, screenshot it, check it with axe."""

import re

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS

_axe = Axe()
BLOCKING = {"serious", "critical"}


def go(page, path):
    response = page.goto(page.base_url + path)
    return response


def shoot(page, name):
    """Full-page screenshot `screenshots/<name>-<width>.png`, lazy pictures loaded first."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every(img => img.complete)")
    SCREENSHOTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)


def assert_accessible(page):
    """axe-core finds no serious or critical violation on the page as it is now."""
    results = _axe.run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert blocking == [], f"{page.url}\n" + "\n".join(blocking)


def check(page, name):
    shoot(page, name)
    assert_accessible(page)


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)
