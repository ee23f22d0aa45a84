"""Hostile editor text and the auditor that checks a rendered page shows it only as text."""

import json
import unicodedata
from html.parser import HTMLParser

# Each string tries one way out of its context: an element, an attribute, a URL, a template,
# the <title>, the reading direction. NFD text checks the Vietnamese survives normalisation.
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
QUOTE = "' onmouseover='alert(1)' x='"
TITLE_BREAK = "</title><script>alert(2)</script>"
TEMPLATE = "{{ 7*7 }}{% debug %}"
RTL = "\u202e\u200fgnp.exe"
NFD_VIETNAMESE = unicodedata.normalize("NFD", "Dân vận khéo ở Đảng bộ tỉnh")
JAVASCRIPT_LINK = "javascript:alert(1)"


def hostile(label, max_length=300):
    """A hostile string that starts with a readable `label` so a test can find it on a page."""
    value = f"{label} {SCRIPT} {IMG} {QUOTE} {TITLE_BREAK} {TEMPLATE} {RTL} {NFD_VIETNAMESE}"
    return value[:max_length].strip()


HOSTILE_BODY = (
    f"<p>Đoạn mở đầu {SCRIPT}</p>"
    "<script>alert(1)</script>"
    "<img src=x onerror=alert(1)>"
    f'<p><a href="{JAVASCRIPT_LINK}">liên kết</a> <a href="JaVaScRiPt:alert(1)">hoa</a></p>'
    "<p title='x\" onmouseover=\"alert(1)'>tiêu đề</p>"
    '<iframe src="https://example.org"></iframe>'
    "<svg onload=alert(1)></svg>"
    "<style>body{display:none}</style>"
    f"<p>{TEMPLATE} {RTL}</p>"
)

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}


class PageAudit(HTMLParser):
    """Walks a page like a browser's tokenizer and records what would run or load."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text_parts = []
        self.json_ld = []
        self._script = None  # the <script> being read: its attributes and content

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def _check_tag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self._script = {"attrs": attributes, "content": []}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            content = "".join(self._script["content"])
            if self._script["attrs"].get("type") == "application/ld+json":
                self.json_ld.append(content)  # data, not code: checked in `audit_html`
            elif "alert(" in content:
                self.problems.append(f"script runs editor text: {content[:80]!r}")
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["content"].append(data)
        else:
            self.text_parts.append(data)

    @property
    def text(self):
        return "".join(self.text_parts)


def audit_html(html):
    """Parse `html`; fail on anything editor text could make run. Returns the audit."""
    assert "<script>alert" not in html, "raw <script> from editor text"
    assert "<img src=x onerror" not in html, "raw <img> from editor text"
    page = PageAudit()
    page.feed(html)
    page.close()
    assert not page.problems, page.problems
    for block in page.json_ld:
        # The parser ends a script at the first "</script"; "<" itself must be escaped.
        assert "<" not in block, "JSON-LD must escape < (as \\u003C)"
        json.loads(block)
    return page
