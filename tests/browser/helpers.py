"""What every browser test does on a page: wait for pictures, screenshot it, check it with axe.

Two Playwright calls are avoided here on purpose:
- `page.wait_for_function("…")` polls its predicate with `eval`, which the site's
  Content-Security-Policy forbids: it failed whenever the pictures were not loaded on the first try.
- `page.evaluate()` has no timeout: every script that waits for something races its own timer.
"""

import re
import time

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS

AXE_SCRIPT = Axe().axe_script
BLOCKING = {"serious", "critical"}
WAIT_MS = 15_000


def within(milliseconds, promise):
    """JavaScript: `promise`, or an error once `milliseconds` have passed."""
    return (
        f"Promise.race([{promise}, new Promise((_, reject) => setTimeout("
        f"() => reject(new Error('timed out after {milliseconds} ms')), {milliseconds}))])"
    )


def wait_until(page, expression, timeout_ms=WAIT_MS):
    """Poll a JavaScript expression (through the DevTools protocol, not `eval`) until it is true."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)


def shoot(page, name):
    """Full-page screenshot `screenshots/<name>-<width>.png`, lazy pictures loaded first."""
    page.wait_for_load_state("load")
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"
    )
    wait_until(page, "[...document.images].every(img => img.complete)")
    SCREENSHOTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)


def assert_accessible(page):
    """axe-core finds no serious or critical violation on the page as it is now."""
    page.wait_for_load_state("load")
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(within(WAIT_MS, "axe.run(document, {resultTypes: ['violations']})"))
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]
    assert blocking == [], f"{page.url}\n" + "\n".join(blocking)


def check(page, name):
    shoot(page, name)
    assert_accessible(page)


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)
