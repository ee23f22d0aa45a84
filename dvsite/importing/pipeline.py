"""One file -> a post, its tags, and the documents and events it reports.

Each app extracts its own kind: `docs_registry.citations` finds cited documents and
`docs_registry.loading` stores them; `events.reports` and `events.loading` do the same for
events. This module only wires them together; the command wraps each file in a transaction.
"""

import dataclasses
import hashlib
from collections import Counter
from pathlib import Path

from django.conf import settings

from docs_registry.citations import find_citations
from docs_registry.loading import save_cited_document, save_suggested_replacement
from docs_registry.replacements import find_replacements
from events.loading import save_reported_event
from events.reports import find_events
from news.importing.decoding import ImportProblem, decode_bytes
from news.importing.html import is_html, parse_html
from news.importing.loading import KEPT, save_post
from news.importing.parsing import parse_article

# Counted kinds, in the order the summary table prints them.
POSTS, EVENTS, DOCUMENTS, TAGS = "posts", "events", "documents", "tags"
KINDS = (POSTS, EVENTS, DOCUMENTS, TAGS)
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
KEY_MAX_LENGTH = 200  # news.Post.import_key
FINGERPRINT_LENGTH = 16


@dataclasses.dataclass
class Source:
    """A file read and decoded: its text, and the key its post is stored under."""

    key: str
    text: str
    html: bool
    legacy_key: str = ""  # the key of imports before keys carried a fingerprint


@dataclasses.dataclass
class FileResult:
    key: str
    post: object
    post_status: str
    counts: dict  # kind -> Counter of statuses
    article: object = None
    events: list = dataclasses.field(default_factory=list)
    documents: list = dataclasses.field(default_factory=list)
    suggestions: list = dataclasses.field(default_factory=list)
    details: list = dataclasses.field(default_factory=list)  # a dry run's report lines


def max_file_bytes():
    return getattr(settings, "IMPORT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)


def read_bytes(path, limit=None):
    """The file's bytes, refused by its size before anything is read when over `limit`."""
    limit = max_file_bytes() if limit is None else limit
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportProblem(_too_big(size, limit))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # bounded: the file may have grown since stat()
    except OSError as exc:
        raise ImportProblem(f"không đọc được tệp ({exc.strerror})") from None
    if len(data) > limit:
        raise ImportProblem(_too_big(len(data), limit))
    return data


def _too_big(size, limit):
    return (
        f"tệp quá lớn ({size / 1048576:.1f} MB, giới hạn {limit / 1048576:.1f} MB; "
        "IMPORT_MAX_FILE_BYTES)"
    )


def relative_name(path, base_dir=None):
    """`path` relative to the folder it was found in (`base_dir`), else its name."""
    path = Path(path).resolve()
    if base_dir is not None:
        try:
            return path.relative_to(Path(base_dir).resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def import_key(name, text):
    """ "<path in the folder given>#<fingerprint of the text>": equal names from different
    folders with different articles never share a key; the same article keeps its key."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
    room = KEY_MAX_LENGTH - FINGERPRINT_LENGTH - 1
    if len(name) > room:
        name = "…" + name[-(room - 1) :]
    return f"{name}#{digest}"


def _legacy_key(path):
    """The key imports gave before: the path under the project folder (seeds/000_….txt)."""
    try:
        return Path(path).resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return ""


def read_source(path, base_dir=None):
    """Read and decode one file; raises `ImportProblem` with the reason."""
    data = read_bytes(path)
    html = is_html(data, Path(path).name)
    text = decode_bytes(data)
    return Source(
        key=import_key(relative_name(path, base_dir), text),
        text=text,
        html=html,
        legacy_key=_legacy_key(path),
    )


def parse_source(source):
    return parse_html(source.text) if source.html else parse_article(source.text)


def import_article(article, *, key, force=False, legacy_key=""):
    """Store `article` (already parsed); returns a `FileResult`."""
    counts = {kind: Counter() for kind in KINDS}
    result = save_post(article, key=key, force=force, legacy_key=legacy_key)
    counts[POSTS][result.status] += 1
    counts[TAGS].update(result.tags.values())
    post = result.post
    outcome = FileResult(key, post, result.status, counts, article)
    if result.status == KEPT:
        return outcome
    year = article.published_on.year if article.published_on else None
    cited = find_citations(article.text, default_year=year)
    stored = {}
    for document in cited:
        row, status = save_cited_document(document, post=post)
        stored[document.number] = row
        outcome.documents.append(row)
        counts[DOCUMENTS][status] += 1
    for newer, older, evidence in find_replacements(article.body_text, cited, default_year=year):
        if newer.number in stored and older.number in stored:
            suggestion = save_suggested_replacement(
                stored[newer.number], stored[older.number], evidence=evidence, post=post
            )
            if suggestion is not None:
                outcome.suggestions.append(suggestion)
    # Events only from an article with its own date: "Sáng nay" needs a day to be read against.
    if article.published_on is not None:
        for reported in find_events(article.title, article.body_text, article.published_on):
            event, status = save_reported_event(reported, post=post)
            outcome.events.append(event)
            counts[EVENTS][status] += 1
    return outcome


def prepare_file(path, *, base_dir=None):
    """Read, decode and parse one file (no database): (source, article).

    Done outside the file's transaction, so the database is held only while writing.
    """
    source = read_source(path, base_dir)
    return source, parse_source(source)


def store_prepared(source, article, *, force=False):
    """Write what `prepare_file` read; the caller wraps this in a transaction."""
    return import_article(article, key=source.key, force=force, legacy_key=source.legacy_key)


def import_file(path, *, base_dir=None, force=False):
    return store_prepared(*prepare_file(path, base_dir=base_dir), force=force)
