"""A copied article page (text) -> `Article`: title, date, paragraphs, captions, byline, source.

The page is read line by line. Lines are classified with general heuristics (see `lines`):
chrome phrases, a headline list after a known heading, a header zone before the first
paragraph of prose (where the title and the date line live), image markers (file names, a
repeated title used as alt text, a blank line that held only a no-break space) with the caption
that follows, and trailing short lines (a byline, a source, the portal's name).
"""

import dataclasses
import datetime
import re

from core.chrome import is_chrome, is_list_heading
from core.text import fold

from . import bylines
from . import lines as L
from .dates import first_dated_sentence, parse_date_line, year_in_text
from .decoding import ImportProblem
from .keywords import source_keywords

PARAGRAPH = "paragraph"
CAPTION = "caption"

# How long a summary (sapo) taken from the first paragraph may be.
SUMMARY_MAX_WORDS = 80
CAPTION_MAX_WORDS = 40


@dataclasses.dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH or CAPTION
    text: str
    image: str = ""  # a caption's picture file name, when the page named it (for the editor)


@dataclasses.dataclass(frozen=True)
class Article:
    title: str
    published_on: datetime.date | None
    published_time: datetime.time | None
    summary: str
    blocks: tuple[Block, ...]
    byline: str = ""
    source_name: str = ""
    source_url: str = ""
    view_count: int | None = None
    dropped: tuple[str, ...] = ()  # the page furniture removed, for review and tests
    warnings: tuple[str, ...] = ()  # what the parser could not decide, for the editor
    keywords: tuple[str, ...] = ()  # the source portal's own tags ("Từ khóa: …"), as written
    # The headlines the page listed under a list heading ("Tin cùng chuyên mục"), each once:
    # navigation, never the body, but what other articles of the source are called.
    listed_headlines: tuple[str, ...] = ()

    @property
    def lead(self):
        """What the article says it is about: its title and its sapo (or first paragraph)."""
        first = self.summary or next((b.text for b in self.blocks if b.kind == PARAGRAPH), "")
        return f"{self.title}\n\n{first}"

    @property
    def body_text(self):
        """The article's own words: summary, paragraphs and captions (never the navigation)."""
        return "\n\n".join([self.summary, *(b.text for b in self.blocks)]).strip()

    @property
    def text(self):
        """Title and body: what topics, citations and events are looked for in."""
        return f"{self.title}\n\n{self.body_text}"


# Entry kinds while parsing.
_TEXT, _GAP = "text", "gap"


@dataclasses.dataclass
class _Entry:
    kind: str
    text: str = ""


def _entries(text):
    """Non-blank lines; a line holding only no-break spaces is a gap (an image was there)."""
    result = []
    for raw in text.split("\n"):
        clean = re.sub(r"\s+", " ", raw.replace("\xa0", " ")).strip()
        if clean:
            result.append(_Entry(_TEXT, clean))
        elif "\xa0" in raw:
            result.append(_Entry(_GAP))
    return result


def _without_navigation(entries, dropped, listed=None):
    """Drop chrome lines and every headline list that follows a list heading (its lines also
    go to `listed`)."""
    kept, in_list = [], False
    for entry in entries:
        if entry.kind == _GAP:
            if not in_list:
                kept.append(entry)
            continue
        if is_list_heading(entry.text):
            in_list = True
            dropped.append(entry.text)
            continue
        if in_list and not (L.ends_list(entry.text) and not L.is_headline_item(entry.text)):
            dropped.append(entry.text)
            if listed is not None and not is_chrome(entry.text):
                listed.append(entry.text)
            continue
        in_list = False
        if is_chrome(entry.text) or L.is_breadcrumb(entry.text):
            dropped.append(entry.text)
            continue
        kept.append(entry)
    return kept


def _choose_title(candidates):
    """A title printed twice wins (SharePoint); otherwise the longest header line."""
    folded = [fold(c) for c in candidates]
    for candidate, key in zip(candidates, folded, strict=True):
        if folded.count(key) > 1:
            return candidate
    return max(candidates, key=L.word_count) if candidates else ""


@dataclasses.dataclass
class Metadata:
    """What the page says about the article, outside its text: found line by line."""

    published_on: datetime.date | None = None
    published_time: datetime.time | None = None
    view_count: int | None = None
    byline: str = ""
    source_name: str = ""
    source_url: str = ""

    def take(self, line):
        """Record a date, source or labelled byline line ("Bài và ảnh: …"); True when `line`
        was one (the first of each counts)."""
        byline = bylines.labelled_byline(line)
        if byline:
            self.byline = self.byline or byline
            return True
        parsed = parse_date_line(line)
        if parsed:
            if self.published_on is None:
                self.published_on, self.published_time, self.view_count = parsed
            return True
        source = L.parse_source(line)
        if source:
            if not self.source_name:
                self.source_name, self.source_url = source
            return True
        return False


def parse_article(text):
    """Parse the text of a copied article page; raises `ImportProblem` when there is none."""
    dropped, listed = [], []
    header, body = _split_header(_without_navigation(_entries(text), dropped, listed))
    meta = Metadata()
    title = _read_title(header, meta, dropped)
    blocks = _strip_tail(_body_blocks(body, title, meta.take, dropped), meta, dropped)
    # A brief is an article: one dated sentence of prose is enough.
    if not any(b.kind == PARAGRAPH and L.is_prose(b.text) for b in blocks):
        raise ImportProblem("bài viết quá ngắn hoặc chỉ có điều hướng (no article text)")
    summary, blocks = _take_summary(blocks)
    if meta.published_on is None:
        meta.published_on = _date_from_text(title, summary, blocks)
    return Article(
        title=title,
        published_on=meta.published_on,
        published_time=meta.published_time,
        summary=summary,
        blocks=tuple(blocks),
        byline=meta.byline,
        source_name=meta.source_name,
        source_url=meta.source_url,
        view_count=meta.view_count,
        dropped=tuple(dropped),
        keywords=source_keywords(dropped),
        listed_headlines=L.headlines(listed),
    )


def _split_header(entries):
    """(header, body): the body starts at the first paragraph of prose."""
    if not any(e.kind == _TEXT for e in entries):
        raise ImportProblem("không có nội dung bài viết, chỉ có điều hướng (no article text)")
    first_prose = next(
        (i for i, e in enumerate(entries) if e.kind == _TEXT and L.is_prose(e.text)), None
    )
    if first_prose is None:
        raise ImportProblem(
            "không nhận ra bài viết: không có đoạn văn nào, chỉ có tiêu đề hoặc điều hướng "
            "(no article paragraphs)"
        )
    return entries[:first_prose], entries[first_prose:]


def _read_title(header, meta, dropped):
    """The title among the header lines; date, source and byline lines go to `meta`, and so
    does the issuing body's or portal's name printed above the article ("BAN DÂN VẬN TỈNH ỦY
    QUẢNG NAM", "Cổng thông tin điện tử …")."""
    candidates = []
    for entry in header:
        if entry.kind != _TEXT or meta.take(entry.text) or L.is_file_name(entry.text):
            continue
        if _is_masthead(entry.text):
            meta.source_name = meta.source_name or bylines.readable_name(entry.text)
            dropped.append(entry.text)
            continue
        candidates.append(entry.text)
    title = _choose_title(candidates)
    if not title:
        raise ImportProblem("không tìm thấy tiêu đề bài viết (no title)")
    dropped.extend(c for c in candidates if c != title)
    return title


_PORTAL_STARTS = ("cong thong tin", "trang thong tin", "bao dien tu", "trang tin dien tu")


def _is_masthead(line):
    """A portal's or an issuing body's name, printed as a heading: capitals, or "Cổng thông
    tin điện tử …"; never a headline ("Ban Dân vận Tỉnh ủy tổ chức …" has lower case)."""
    if not bylines.is_unit(line) and not fold(line).startswith(_PORTAL_STARTS):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return fold(line).startswith(_PORTAL_STARTS) or all(ch.isupper() for ch in letters)


def _take_summary(blocks):
    """(summary, the other blocks): a short first paragraph is the sapo."""
    if blocks[0].kind == PARAGRAPH and L.word_count(blocks[0].text) <= SUMMARY_MAX_WORDS:
        return blocks[0].text, blocks[1:]
    return "", blocks


def _date_from_text(title, summary, blocks):
    """No date line: the first dated sentence, its year from the text when not written."""
    paragraphs = [summary, *(b.text for b in blocks if b.kind == PARAGRAPH)]
    hint = year_in_text(title) or year_in_text("\n".join(paragraphs))
    return first_dated_sentence(paragraphs, hint)


def _body_blocks(body, title, take_meta, dropped):
    """Paragraphs and captions; image markers are dropped and make the next line a caption."""
    title_key = fold(title)
    blocks = []
    marker = None  # "image" (explicit: file name, alt text) or "gap" (a blank that held an image)
    image = ""  # the file name of the picture the next caption belongs to
    for index, entry in enumerate(body):
        if entry.kind == _GAP:
            marker = marker or "gap"
            continue
        line = entry.text
        if L.is_file_name(line) or fold(line) == title_key:
            dropped.append(line)
            marker = "image"
            image = line if L.is_file_name(line) else image
            continue
        if L.word_count(line) <= 12 and take_meta(line):
            dropped.append(line)
            continue
        short = L.word_count(line) <= CAPTION_MAX_WORDS
        next_entry = body[index + 1] if index + 1 < len(body) else None
        followed_by_gap = next_entry is not None and next_entry.kind == _GAP
        if short and (
            marker == "image"
            or (marker == "gap" and not L.ends_sentence(line))
            or (followed_by_gap and not L.ends_sentence(line) and blocks)
        ):
            blocks.append(Block(CAPTION, line, image))
        else:
            blocks.append(Block(PARAGRAPH, line))
        marker, image = None, ""
    return blocks


def _strip_tail(blocks, meta, dropped):
    """Trailing short lines: the byline, a source, the portal's own name."""
    while blocks:
        line = blocks[-1].text
        if L.word_count(line) > 12 or (L.ends_sentence(line) and not line.endswith(")")):
            break
        source = L.parse_source(line)
        byline = None if source else bylines.parse_byline(line)
        if source:
            if not meta.source_name:
                meta.source_name, meta.source_url = source
        elif byline:
            if meta.byline:
                break  # two name lines: the upper one is article text
            meta.byline = byline
        elif bylines.is_unit(line):
            # The portal's or the commission's name under the article: its source.
            meta.source_name = meta.source_name or line
        else:
            break
        dropped.append(line)
        blocks = blocks[:-1]
    return blocks
