"""Synthetic Vietnamese content at scale, for benchmarks: posts, documents, events and their links.

Rows are made with `bulk_create`, which skips `save()`, so every value save() would compute is
filled here by the same functions save() calls (`normalize_text_fields`, `refresh_search_fields`,
`sanitize_html`, `slugify`, `Document.normalize_number`). Slugs are made unique in memory
(the same `slugify` rule, suffixed -2, -3 … like `unique_slug`) instead of one query per row.

Large sizes (a million posts) are made in rounds of `ROUND` posts with their share of documents
and events, each round linked within itself and committed on its own: memory stays flat (only
the slugs and document numbers taken are kept) and rows go in `BATCH` at a time.
"""

import datetime
import json
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.html import sanitize_html
from core.publishing import Status, normalize_text_fields
from core.text import slugify
from docs_registry.models import Document, DocumentType, Issuer, TaggedDocument
from dvsite import cache
from events.calendar import MAX_YEAR, MIN_YEAR
from events.models import RESERVED_SLUGS, Event, Format, Kind, TaggedEvent
from news.models import Category, Post, TaggedPost
from taxonomy.models import Topic
from taxonomy.vocabulary import VOCABULARY_FILE
from tools.bulk_rows import bulk_load, insert_links, insert_objects
from tools.synthetic_words import (
    ACTIONS,
    ACTORS,
    BYLINES,
    CATEGORIES,
    DOC_SUBJECTS,
    DOC_TYPES,
    EXTRA_TOPICS,
    ISSUERS,
    LOCATIONS,
    SENTENCES,
    SIGNERS,
    SUBJECTS,
    SUFFIXES,
)
from voice.codes import new_code
from voice.models import Kind as QuestionKind
from voice.models import Question, State
from voice.models.questions import RESERVED_SLUGS as QUESTION_SLUGS

ROUND = 20_000
# Past this many posts (and events), texts are drawn from those already made: preparing a text
# (sanitising, folding for search) is most of a row's cost, and the generator's vocabulary
# repeats anyway. Every row still gets its own slug, status, dates, category and links.
POOL_SIZE = 5_000
# From this many posts on, a fill drops the tables' non-unique indexes and builds them again at
# the end (`bulk_load`): a million posts' full-text indexes kept up to date row by row were most
# of PostgreSQL's share of the fill.
DEFER_INDEXES_FROM = 50_000
# Events fall in 3 years back and 6 months ahead, or, when there are more than that holds at
# EVENTS_PER_DAY (2,910), over as many days as keep that density: about 60 a month, what a
# provincial Ban's calendar holds at most, at every size (200,000 events: 274 years). The
# window stays inside the years the lunar calendar covers (events/calendar.py).
EVENTS_PER_DAY = 2
EVENTS_PAST_DAYS = 3 * 365
EVENTS_FUTURE_DAYS = 180
POST_TEXT = ("title", "summary", "body", "byline", "search_title", "search_text")
QUESTION_TEXT = ("title", "content", "answer", "search_title", "search_text")
EVENT_TEXT = (
    "title", "kind", "location", "format", "connection_points", "organiser", "audience",
    "participants", "speakers", "themes", "description", "search_title", "search_text",
)  # fmt: skip


# The tables a fill writes (their indexes may wait for the end of the load: `bulk_load`).
LOADED = (
    Post, Document, Event, Question, TaggedPost, TaggedDocument, TaggedEvent,
    Document.posts.through, Event.posts.through, Document.replaces.through,
)  # fmt: skip


@dataclass
class Sizes:
    posts: int = 10_000
    documents: int = 5_000
    events: int = 2_000
    questions: int | None = None  # None: as many as events


class _Slugs:
    """Unique slugs in memory: the `slugify` rule, suffixed -2, -3 … like `unique_slug`."""

    def __init__(self, model, max_length=194):
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.max_length = max_length
        self.next_suffix = {}  # base -> the suffix to try first: a million rows share few titles

    def __call__(self, text, fallback, reserved=()):
        base = slugify(text, max_length=self.max_length) or fallback
        n = self.next_suffix.get(base, 2)
        candidate = base if n == 2 else f"{base}-{n}"
        while candidate in self.taken or candidate in reserved:
            candidate = f"{base}-{n}"
            n += 1
        self.next_suffix[base] = n
        self.taken.add(candidate)
        return candidate


def _status(rng, now):
    """(status, publish_at): mostly public, a share of drafts, reviews, archived and scheduled."""
    roll = rng.random()
    past = now - datetime.timedelta(minutes=rng.randint(10, 6 * 365 * 24 * 60))
    if roll < 0.05:
        return Status.DRAFT, None
    if roll < 0.07:
        return Status.REVIEW, None
    if roll < 0.08:
        return Status.ARCHIVED, past
    if roll < 0.09:
        return Status.PUBLISHED, now + datetime.timedelta(minutes=rng.randint(5, 30 * 24 * 60))
    return Status.PUBLISHED, past


def _title(rng, year):
    suffix = rng.choice(SUFFIXES).format(year=year)
    return " ".join(
        p for p in (rng.choice(ACTORS), rng.choice(ACTIONS), rng.choice(SUBJECTS), suffix) if p
    )


def _paragraphs(rng, count):
    return [
        " ".join(rng.choice(SENTENCES).format(n=rng.randint(3, 250)) for _ in range(3))
        for _ in range(count)
    ]


def _prepare(obj):
    """What save() computes, for a row that bulk_create will insert."""
    normalize_text_fields(obj)
    obj.refresh_search_fields()
    return obj


def _topics():
    names = [item["name"] for item in json.loads(VOCABULARY_FILE.read_text("utf-8"))["topics"]]
    topics = []
    for name in [*names, *EXTRA_TOPICS]:
        topic = Topic.objects.filter(name__iexact=name).first()
        topics.append(topic or Topic.objects.create(name=name))
    return topics


def _lookup_rows():
    categories = [
        Category.objects.get_or_create(name=name, defaults={"position": i})[0]
        for i, name in enumerate(CATEGORIES)
    ]
    types = [
        DocumentType.objects.get_or_create(name=name, defaults={"abbreviation": abbr})[0]
        for name, abbr in DOC_TYPES
    ]
    issuers = [
        Issuer.objects.get_or_create(name=name, defaults={"suffix": suffix})[0]
        for name, suffix in ISSUERS
    ]
    return categories, types, issuers


def make_posts(rng, count, categories, now, slugs, pool):
    posts = []
    for _ in range(count):
        status, publish_at = _status(rng, now)
        common = {
            "source_name": "Ban Dân vận Tỉnh ủy",
            "category": rng.choice(categories),
            "status": status,
            "publish_at": publish_at,
            "is_featured": rng.random() < 0.03,
            "view_count": int(rng.paretovariate(1.2) * 20),
        }
        if len(pool) >= POOL_SIZE:  # a text already prepared, as save() would prepare it
            post = Post(**rng.choice(pool), **common)
        else:
            paragraphs = _paragraphs(rng, rng.randint(3, 6))
            post = Post(
                title=_title(rng, (publish_at or now).year),
                summary=paragraphs[0],
                body=sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs[1:])),
                byline=rng.choice(BYLINES),
                **common,
            )
            _prepare(post)
            pool.append({field: getattr(post, field) for field in POST_TEXT})
        post.slug = slugs(post.title, "bai-viet")
        posts.append(post)
    return insert_objects(Post, posts)


def make_documents(rng, count, types, issuers, now, slugs, taken, sequence):
    documents = []
    while len(documents) < count:
        doc_type, issuer = rng.choice(types), rng.choice(issuers)
        issue_date = (now - datetime.timedelta(days=rng.randint(1, 15 * 365))).date()
        key = (issuer.pk, issue_date.year)
        sequence[key] = sequence.get(key, 0) + 1
        number = f"{sequence[key]:02d}-{doc_type.abbreviation}/{issuer.suffix}"
        status, publish_at = _status(rng, now)
        doc = Document(
            number=number,
            doc_type=doc_type,
            issuer=issuer,
            issue_date=issue_date,
            issue_year=issue_date.year,
            effective_date=issue_date,
            expiry_date=issue_date + datetime.timedelta(days=5 * 365)
            if rng.random() < 0.2
            else None,
            title=f"{doc_type.name} {rng.choice(DOC_SUBJECTS)}",
            signer=rng.choice(SIGNERS),
            status=status,
            publish_at=publish_at,
            is_internal=rng.random() < 0.05,
        )
        doc.normalize_number()
        if (doc.number, issuer.pk, doc.issue_year) in taken:
            continue
        taken.add((doc.number, issuer.pk, doc.issue_year))
        doc.slug = slugs(f"{doc.number} {doc.issue_year}", "van-ban")
        documents.append(_prepare(doc))
    return insert_objects(Document, documents)


def event_window(total, today):
    """(first day, number of days) synthetic events start in, for `total` events."""
    span = max(EVENTS_PAST_DAYS + EVENTS_FUTURE_DAYS, -(-total // EVENTS_PER_DAY))
    earliest = datetime.date(MIN_YEAR + 1, 1, 1)
    past = min(max(span - EVENTS_FUTURE_DAYS, EVENTS_PAST_DAYS), (today - earliest).days)
    first = today - datetime.timedelta(days=past)
    latest = datetime.date(MAX_YEAR, 12, 25)  # room for the longest event (2 days more)
    return first, min(span, (latest - first).days)


def make_events(rng, count, now, slugs, pool, window):
    first, span = window
    events = []
    for _ in range(count):
        status, publish_at = _status(rng, now)
        start = first + datetime.timedelta(days=rng.randint(0, span))
        end = start + datetime.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2]))
        timed = rng.random() < 0.7
        start_time = datetime.time(rng.choice([7, 8, 9, 13, 14]), rng.choice([0, 30]))
        common = {
            "start_date": start,
            "end_date": end,
            "start_time": start_time if timed else None,
            "end_time": datetime.time(start_time.hour + 3, start_time.minute) if timed else None,
            "status": status,
            "publish_at": publish_at,
        }
        if len(pool) >= POOL_SIZE:
            event = Event(**rng.choice(pool), **common)
        else:
            event = _prepare(Event(**_event_text(rng, start.year), **common))
            pool.append({field: getattr(event, field) for field in EVENT_TEXT})
        event.slug = slugs(event.title, "su-kien", reserved=RESERVED_SLUGS)
        events.append(event)
    return insert_objects(Event, events)


def _event_text(rng, year):
    kind = rng.choice([value for value, _ in Kind.choices])
    points = rng.randint(5, 120)
    return {
        "title": f"{dict(Kind.choices)[kind]} {rng.choice(SUBJECTS)} {year}",
        "kind": kind,
        "location": rng.choice(LOCATIONS).format(n=points),
        "format": rng.choice([value for value, _ in Format.choices]),
        "connection_points": points if rng.random() < 0.3 else None,
        "organiser": rng.choice(ACTORS),
        "audience": "Cán bộ làm công tác dân vận các cấp",
        "participants": rng.randint(30, 500),
        "speakers": "\n".join(rng.sample(SIGNERS, 2)),
        "themes": "\n".join(rng.sample(SUBJECTS, 2)),
        "description": sanitize_html("".join(f"<p>{p}</p>" for p in _paragraphs(rng, 2))),
    }


def link(rng, posts, documents, events, topics):
    """Topic tags on every kind, posts citing documents, posts reporting events."""
    tags = ("tag_id", "content_object_id")
    for model, items, choices in (
        (TaggedPost, posts, (1, 3)),
        (TaggedDocument, documents, (0, 2)),
        (TaggedEvent, events, (1, 2)),
    ):
        insert_links(
            model,
            tags,
            (
                (topic.pk, item.pk)
                for item in items
                for topic in rng.sample(topics, rng.randint(*choices))
            ),
        )
    if posts and documents:
        insert_links(
            Document.posts.through,
            ("document_id", "post_id"),
            (
                (doc.pk, post.pk)
                for doc in documents
                for post in rng.sample(posts, min(len(posts), rng.choice([0, 0, 1, 2])))
            ),
        )
    if posts and events:
        insert_links(
            Event.posts.through,
            ("event_id", "post_id"),
            (
                (event.pk, post.pk)
                for event in events
                for post in rng.sample(posts, min(len(posts), rng.choice([0, 1, 1, 2])))
            ),
        )
    if len(documents) > 10:
        older = rng.sample(documents, len(documents) // 20)
        pairs = {(rng.choice(documents).pk, doc.pk) for doc in older}
        insert_links(
            Document.replaces.through, ("from_document_id", "to_document_id"), sorted(pairs)
        )


def make_questions(rng, count, topics, now):
    """Citizens' questions: most answered and public (the Q&A pages), the rest being handled.
    No sender rows: the benchmark reads public pages only."""
    slugs = _Slugs(Question)
    kinds = [value for value, _ in QuestionKind.choices]
    pools = {True: [], False: []}  # texts of answered questions, of those being handled
    questions = []
    for n in range(count):
        status, publish_at = _status(rng, now)
        received = now - datetime.timedelta(days=rng.randint(20, 3 * 365))
        answered = status == Status.PUBLISHED
        common = {
            "code": new_code(),  # random, never reused by a second run
            "kind": rng.choice(kinds),
            "topic": rng.choice(topics),
            "allow_publish": rng.random() < 0.9,
            "received_at": received,
            "due_on": (received + datetime.timedelta(days=21)).date(),
            "state": State.ANSWERED if answered else State.IN_PROGRESS,
            "answered_at": received + datetime.timedelta(days=rng.randint(1, 20))
            if answered
            else None,
            "status": status,
            "publish_at": publish_at,
        }
        texts = pools[answered]
        if len(texts) >= POOL_SIZE // 2:  # a text already prepared (see POOL_SIZE)
            question = Question(**rng.choice(texts), **common)
        else:
            question = _prepare(
                Question(
                    title=f"Hỏi về {rng.choice(SUBJECTS)} số {n}",
                    content=" ".join(_paragraphs(rng, 1)),
                    answer=" ".join(_paragraphs(rng, 2)) if answered else "",
                    **common,
                )
            )
            texts.append({field: getattr(question, field) for field in QUESTION_TEXT})
        question.slug = slugs(question.title, "hoi-dap", reserved=QUESTION_SLUGS)
        questions.append(question)
    return insert_objects(Question, questions)


def _shares(total, rounds):
    """`total` split over `rounds` as evenly as integers allow."""
    return [total // rounds + (1 if i < total % rounds else 0) for i in range(rounds)]


def generate(sizes=None, seed=0, now=None, progress=None):
    """Add `sizes` rows of each kind; returns {kind: count}. Each round of `ROUND` posts (with
    its share of documents and events) is one transaction; `progress(counts)` after each."""
    sizes = sizes or Sizes()
    rng = random.Random(seed)
    now = now or timezone.now()
    with transaction.atomic():
        categories, types, issuers = _lookup_rows()
        topics = _topics()
    slugs = {model: _Slugs(model) for model in (Post, Document, Event)}
    pools = {Post: [], Event: []}
    taken = set(Document.objects.values_list("number", "issuer_id", "issue_year"))
    sequence = {}
    rounds = max(1, -(-max(sizes.posts, sizes.documents, sizes.events) // ROUND))
    counts = {"posts": 0, "documents": 0, "events": 0}
    window = event_window(sizes.events, timezone.localdate(now))
    shares = zip(
        _shares(sizes.posts, rounds),
        _shares(sizes.documents, rounds),
        _shares(sizes.events, rounds),
        strict=True,
    )
    with bulk_load(LOADED, defer_indexes=sizes.posts >= DEFER_INDEXES_FROM):
        for n_posts, n_documents, n_events in shares:
            with transaction.atomic():
                posts = make_posts(rng, n_posts, categories, now, slugs[Post], pools[Post])
                documents = make_documents(
                    rng, n_documents, types, issuers, now, slugs[Document], taken, sequence
                )
                events = make_events(rng, n_events, now, slugs[Event], pools[Event], window)
                link(rng, posts, documents, events, topics)
            counts["posts"] += len(posts)
            counts["documents"] += len(documents)
            counts["events"] += len(events)
            if progress:
                progress(dict(counts))
        with transaction.atomic():
            questions = sizes.events if sizes.questions is None else sizes.questions
            counts["questions"] = len(make_questions(rng, questions, topics, now))
    cache.invalidate()  # bulk_create sends no signals: drop the cached pages
    return counts
