"""Chromium enforces the Content-Security-Policy the site sends.

The admin's rich-text editor running with no violation is checked by every editorial browser test
(the `page` fixture fails on any CSP message); this shows the policy is not just a header.
"""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INJECT = """() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.appendChild(script);
    return window.injected === true;
}"""


def test_an_injected_inline_script_is_blocked(browser_context, site_content):
    tab = browser_context.new_page()
    response = tab.goto("/")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    with tab.expect_console_message(lambda m: "Content Security Policy" in m.text) as report:
        ran = tab.evaluate(INJECT)
    assert ran is False
    assert "script-src" in report.value.text
