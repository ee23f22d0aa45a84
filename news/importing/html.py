"""A page saved from a browser (.html) -> `Article`.

The main content is found by trafilatura (a maintained extraction library), never by stripping
tags by hand. Metadata comes from what the page itself marks up: the title from the article's
<h1>, the date from <time datetime> or the published-time meta, the byline from the author
element, the source from the site name and the canonical address. A picture keeps its file
name (the editor uploads it) and its caption.
"""

import datetime
import re
from urllib.parse import unquote

import lxml.html
import trafilatura
from django.utils import timezone
from lxml import etree

from core.chrome import is_chrome
from core.text import fold, strip_control_chars

from . import bylines
from . import lines as L
from .dates import parse_date_line
from .decoding import ImportProblem
from .keywords import keywords_in_page
from .parsing import CAPTION, PARAGRAPH, SUMMARY_MAX_WORDS, Article, Block

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
)


def is_html(data, name=""):
    """A saved web page: by its file name, or by its first tag."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(head))


def clean(text):
    """One line of page text: no control characters, NBSP as a space, single spaces (zero-width
    characters went when the file was decoded)."""
    text = strip_control_chars(text or "", multiline=False).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse_html(text):
    """Parse a saved page; raises `ImportProblem` when it holds no article."""
    try:
        tree = lxml.html.fromstring(text)
    except (etree.ParserError, ValueError):
        raise ImportProblem("không đọc được trang HTML (invalid HTML)") from None
    extracted = trafilatura.extract(
        text, output_format="xml", include_images=True, with_metadata=True, favor_precision=True
    )
    if not extracted:
        raise ImportProblem("không tìm thấy nội dung bài viết trong trang HTML (no article text)")
    doc = etree.fromstring(extracted.encode("utf-8"))
    title = clean(_heading(tree) or doc.get("title", ""))
    if not title:
        raise ImportProblem("không tìm thấy tiêu đề bài viết (no title)")
    blocks = _blocks(doc, title, _figure_captions(tree))
    byline = clean(doc.get("author", ""))
    if blocks and blocks[-1].kind == PARAGRAPH and not byline:
        found = bylines.parse_byline(blocks[-1].text)
        if found:
            byline, blocks = found, blocks[:-1]
    if not any(b.kind == PARAGRAPH for b in blocks):
        raise ImportProblem("không tìm thấy đoạn văn nào trong trang HTML (no article paragraphs)")
    summary = ""
    if blocks[0].kind == PARAGRAPH and L.word_count(blocks[0].text) <= SUMMARY_MAX_WORDS:
        summary, blocks = blocks[0].text, blocks[1:]
    published_on, published_time = _published(tree)
    if published_on is None:
        published_on, published_time = _date_line(doc)
    return Article(
        title=title,
        published_on=published_on,
        published_time=published_time,
        summary=summary,
        blocks=tuple(blocks),
        byline=byline,
        source_name=clean(doc.get("sitename", "")),
        source_url=_canonical_url(tree),
        keywords=keywords_in_page(tree),
    )


def _heading(tree):
    """The article's own heading: the <h1> inside <article>/<main>, else the page's one <h1>."""
    for path in ("//article//h1", "//main//h1", "//h1"):
        found = tree.xpath(path)
        if found:
            return found[0].text_content()
    return ""


def _figure_captions(tree):
    """{picture file name: caption} from <figure><img><figcaption>."""
    captions = {}
    for figure in tree.xpath("//figure"):
        images = figure.xpath(".//img[@src]")
        caption = figure.xpath(".//figcaption")
        if images and caption:
            captions[_file_name(images[0].get("src"))] = clean(caption[0].text_content())
    return captions


def _file_name(src):
    return unquote((src or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1])


def _blocks(doc, title, captions):
    blocks = []
    title_key = fold(title)
    for element in doc.iter("p", "head", "graphic", "item", "quote"):
        if element.tag == "graphic":
            name = _file_name(element.get("src"))
            caption = captions.get(name) or clean(element.get("alt", ""))
            if name or caption:
                blocks.append(Block(CAPTION, caption or name, name))
            continue
        line = clean("".join(element.itertext()))
        if not line or fold(line) == title_key or is_chrome(line):
            continue
        if L.word_count(line) <= 12 and parse_date_line(line):
            continue  # the page's date line ("Cập nhật: 05.08.2024 09:10"), never the sapo
        blocks.append(Block(PARAGRAPH, line))
    return blocks


def _published(tree):
    """(date, time or None) from <time datetime> in the article or the published-time meta."""
    values = tree.xpath("//article//time/@datetime | //time[@itemprop='datePublished']/@datetime")
    for name in _DATE_META:
        values += tree.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        values += tree.xpath(f"//*[@itemprop='{name}']/@content")
    for value in values:
        found = _iso(value.strip())
        if found:
            return found
    # A <time> without a machine-readable value, in the article itself (not a list beside it).
    for element in tree.xpath("//article//time[not(ancestor::aside)]"):
        parsed = parse_date_line(clean(element.text_content()))
        if parsed:
            return parsed[0], parsed[1]
    return None, None


def _date_line(doc):
    """(date, time or None) from a date line of the article text itself, as the text parser
    reads one, when the page marks no date up."""
    for element in doc.iter("p", "head"):
        line = clean("".join(element.itertext()))
        parsed = L.word_count(line) <= 12 and parse_date_line(line)
        if parsed:
            return parsed[0], parsed[1]
    return None, None


def _iso(value):
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:  # a day without a time
        return moment.date(), None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date(), moment.time().replace(second=0, microsecond=0)


def _canonical_url(tree):
    for value in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if value.startswith(("http://", "https://")):
            return value.strip()[:500]
    return ""
