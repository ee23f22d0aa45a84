"""One file -> a post, its tags, and the documents and events it reports.

Each app extracts its own kind: `docs_registry.citations` finds cited documents and
`docs_registry.loading` stores them; `events.reports` and `events.loading` do the same for
events. This module only wires them together; the command wraps each call in a transaction.
"""

import dataclasses
from collections import Counter
from pathlib import Path

from docs_registry.citations import find_citations
from docs_registry.loading import save_cited_document
from events.loading import save_reported_event
from events.reports import find_events
from news.importing.decoding import ImportProblem, decode_bytes
from news.importing.loading import KEPT, save_post
from news.importing.parsing import parse_article

# Counted kinds, in the order the summary table prints them.
POSTS, EVENTS, DOCUMENTS, TAGS = "posts", "events", "documents", "tags"
KINDS = (POSTS, EVENTS, DOCUMENTS, TAGS)


@dataclasses.dataclass
class FileResult:
    key: str
    post: object
    post_status: str
    counts: dict  # kind -> Counter of statuses


def import_key(path, base_dir=None):
    """The stable key of an imported file: its path under `base_dir`, else its name."""
    path = Path(path).resolve()
    if base_dir is not None:
        try:
            return path.relative_to(Path(base_dir).resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def read_article(path):
    """Decode and parse one file; raises `ImportProblem` with the reason."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportProblem(f"không đọc được tệp ({exc.strerror})") from None
    return parse_article(decode_bytes(data))


def import_article(article, *, key, force=False):
    """Store `article` (already parsed); returns a `FileResult`."""
    counts = {kind: Counter() for kind in KINDS}
    result = save_post(article, key=key, force=force)
    counts[POSTS][result.status] += 1
    counts[TAGS].update(result.tags.values())
    post = result.post
    if result.status != KEPT:
        year = article.published_on.year if article.published_on else None
        for cited in find_citations(article.text, default_year=year):
            _document, status = save_cited_document(cited, post=post)
            counts[DOCUMENTS][status] += 1
        if article.published_on is not None:
            for reported in find_events(article.title, article.body_text, article.published_on):
                _event, status = save_reported_event(reported, post=post)
                counts[EVENTS][status] += 1
    return FileResult(key, post, result.status, counts)


def import_file(path, *, base_dir=None, force=False):
    return import_article(read_article(path), key=import_key(path, base_dir), force=force)
