"""Synthetic Vietnamese content at scale, for benchmarks: posts, documents, events and their links.

Rows are made with `bulk_create`, which skips `save()`, so every value save() would compute is
filled here by the same functions save() calls (`normalize_text_fields`, `refresh_search_fields`,
`sanitize_html`, `slugify`, `Document.normalize_number`). Slugs are made unique in memory
(the same `slugify` rule, suffixed -2, -3 … like `unique_slug`) instead of one query per row.
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
from events.models import RESERVED_SLUGS, Event, Format, Kind, TaggedEvent
from news.models import Category, Post, TaggedPost
from taxonomy.models import Topic
from taxonomy.vocabulary import VOCABULARY_FILE
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

BATCH = 1000


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

    def __call__(self, text, fallback, reserved=()):
        base = slugify(text, max_length=self.max_length) or fallback
        candidate, n = base, 2
        while candidate in self.taken or candidate in reserved:
            candidate = f"{base}-{n}"
            n += 1
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


def make_posts(rng, count, categories, now):
    slugs = _Slugs(Post)
    posts = []
    for _ in range(count):
        status, publish_at = _status(rng, now)
        year = (publish_at or now).year
        title = _title(rng, year)
        paragraphs = _paragraphs(rng, rng.randint(3, 6))
        post = Post(
            title=title,
            slug=slugs(title, "bai-viet"),
            summary=paragraphs[0],
            body=sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs[1:])),
            byline=rng.choice(BYLINES),
            source_name="Ban Dân vận Tỉnh ủy",
            category=rng.choice(categories),
            status=status,
            publish_at=publish_at,
            is_featured=rng.random() < 0.03,
            view_count=int(rng.paretovariate(1.2) * 20),
        )
        posts.append(_prepare(post))
    return Post.objects.bulk_create(posts, batch_size=BATCH)


def make_documents(rng, count, types, issuers, now):
    slugs = _Slugs(Document)
    taken = set(Document.objects.values_list("number", "issuer_id", "issue_year"))
    sequence = {}
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
    return Document.objects.bulk_create(documents, batch_size=BATCH)


def make_events(rng, count, now):
    slugs = _Slugs(Event)
    today = timezone.localdate(now)
    kinds = [value for value, _ in Kind.choices]
    events = []
    for _ in range(count):
        status, publish_at = _status(rng, now)
        start = today + datetime.timedelta(days=rng.randint(-3 * 365, 180))
        end = start + datetime.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2]))
        timed = rng.random() < 0.7
        start_time = datetime.time(rng.choice([7, 8, 9, 13, 14]), rng.choice([0, 30]))
        kind = rng.choice(kinds)
        title = f"{dict(Kind.choices)[kind]} {rng.choice(SUBJECTS)} {start.year}"
        points = rng.randint(5, 120)
        event = Event(
            title=title,
            slug=slugs(title, "su-kien", reserved=RESERVED_SLUGS),
            kind=kind,
            start_date=start,
            end_date=end,
            start_time=start_time if timed else None,
            end_time=datetime.time(start_time.hour + 3, start_time.minute) if timed else None,
            location=rng.choice(LOCATIONS).format(n=points),
            format=rng.choice([value for value, _ in Format.choices]),
            connection_points=points if rng.random() < 0.3 else None,
            organiser=rng.choice(ACTORS),
            audience="Cán bộ làm công tác dân vận các cấp",
            participants=rng.randint(30, 500),
            speakers="\n".join(rng.sample(SIGNERS, 2)),
            themes="\n".join(rng.sample(SUBJECTS, 2)),
            description=sanitize_html("".join(f"<p>{p}</p>" for p in _paragraphs(rng, 2))),
            status=status,
            publish_at=publish_at,
        )
        events.append(_prepare(event))
    return Event.objects.bulk_create(events, batch_size=BATCH)


def link(rng, posts, documents, events, topics):
    """Topic tags on every kind, posts citing documents, posts reporting events."""
    TaggedPost.objects.bulk_create(
        [
            TaggedPost(content_object_id=post.pk, tag_id=topic.pk)
            for post in posts
            for topic in rng.sample(topics, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    TaggedDocument.objects.bulk_create(
        [
            TaggedDocument(content_object_id=doc.pk, tag_id=topic.pk)
            for doc in documents
            for topic in rng.sample(topics, rng.randint(0, 2))
        ],
        batch_size=BATCH,
    )
    TaggedEvent.objects.bulk_create(
        [
            TaggedEvent(content_object_id=event.pk, tag_id=topic.pk)
            for event in events
            for topic in rng.sample(topics, rng.randint(1, 2))
        ],
        batch_size=BATCH,
    )
    if posts and documents:
        Cited = Document.posts.through
        Cited.objects.bulk_create(
            [
                Cited(document_id=doc.pk, post_id=post.pk)
                for doc in documents
                for post in rng.sample(posts, min(len(posts), rng.choice([0, 0, 1, 2])))
            ],
            batch_size=BATCH,
        )
    if posts and events:
        Reported = Event.posts.through
        Reported.objects.bulk_create(
            [
                Reported(event_id=event.pk, post_id=post.pk)
                for event in events
                for post in rng.sample(posts, min(len(posts), rng.choice([0, 1, 1, 2])))
            ],
            batch_size=BATCH,
        )
    if len(documents) > 10:
        Replaces = Document.replaces.through
        older = rng.sample(documents, len(documents) // 20)
        Replaces.objects.bulk_create(
            [
                Replaces(from_document_id=rng.choice(documents).pk, to_document_id=doc.pk)
                for doc in older
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


def make_questions(rng, count, topics, now):
    """Citizens' questions: most answered and public (the Q&A pages), the rest being handled.
    No sender rows: the benchmark reads public pages only."""
    slugs = _Slugs(Question)
    kinds = [value for value, _ in QuestionKind.choices]
    questions = []
    for n in range(count):
        status, publish_at = _status(rng, now)
        received = now - datetime.timedelta(days=rng.randint(20, 3 * 365))
        answered = status == Status.PUBLISHED
        title = f"Hỏi về {rng.choice(SUBJECTS)} số {n}"
        question = Question(
            code=new_code(),  # random, never reused by a second run
            kind=rng.choice(kinds),
            topic=rng.choice(topics),
            title=title,
            slug=slugs(title, "hoi-dap", reserved=QUESTION_SLUGS),
            content=" ".join(_paragraphs(rng, 1)),
            allow_publish=rng.random() < 0.9,
            received_at=received,
            due_on=(received + datetime.timedelta(days=21)).date(),
            state=State.ANSWERED if answered else State.IN_PROGRESS,
            answer=" ".join(_paragraphs(rng, 2)) if answered else "",
            answered_at=received + datetime.timedelta(days=rng.randint(1, 20))
            if answered
            else None,
            status=status,
            publish_at=publish_at,
        )
        questions.append(_prepare(question))
    return Question.objects.bulk_create(questions, batch_size=BATCH)


def generate(sizes=None, seed=0, now=None):
    """Add `sizes` rows of each kind; returns {kind: count}. Runs in one transaction."""
    sizes = sizes or Sizes()
    rng = random.Random(seed)
    now = now or timezone.now()
    with transaction.atomic():
        categories, types, issuers = _lookup_rows()
        topics = _topics()
        posts = make_posts(rng, sizes.posts, categories, now)
        documents = make_documents(rng, sizes.documents, types, issuers, now)
        events = make_events(rng, sizes.events, now)
        link(rng, posts, documents, events, topics)
        questions = sizes.events if sizes.questions is None else sizes.questions
        make_questions(rng, questions, topics, now)
    cache.invalidate()  # bulk_create sends no signals: drop the cached pages
    return {"posts": len(posts), "documents": len(documents), "events": len(events)}
