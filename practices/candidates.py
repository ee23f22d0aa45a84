"""Candidate models found in articles, and what an editor does with them.

The rule: in a post tagged "Dân vận khéo", each sentence that writes "mô hình" (optionally
followed by "dân vận khéo") and then a name in quotation marks offers that name as a candidate,
with the unit (xã/phường/… + its name) and the year ("năm 2024") only when a sentence naming
that model writes them; and a headline that begins with "Mô hình" — the post's own title, or
one its source page listed beside it ("Tin cùng chuyên mục", kept by the importer as
`source_headlines`) — offers the model it names: the quoted name when one follows "Mô hình",
else the headline as stated ("Mô hình dân vận khéo về dạy tiếng Việt cho dân Lào ở vùng biên
giới": cutting it at "về" would make a name the source never wrote; the editor may shorten it).
Nothing else is read, and nothing is guessed: a generic "mô hình dân vận khéo" without a name
gives no candidate. A candidate from a listed headline says so (`CandidateSource.LISTED`): that
headline is another article's, so accepting it never makes the post "a post about" the model.

`find_in_text` is a pure function (tested on text); `offer_candidates` stores what it finds."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from core.publishing import Status
from core.text import nfc, words
from practices.models import (
    MAX_YEAR,
    MIN_YEAR,
    Candidate,
    CandidateSource,
    CandidateStatus,
    Practice,
    name_key,
)
from taxonomy.units import PLACE_KINDS, Unit

TOPIC_SLUG = "dan-van-kheo"

_QUOTED = r"[“\"«]([^”\"»\n]{3,200})[”\"»]"
_NAME = re.compile(rf"\bmô hình(?:\s+dân vận khéo)?\s*(?::\s*)?{_QUOTED}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])|\n+")
_YEAR = re.compile(r"\bnăm\s+((?:19|20|21)\d\d)\b", re.IGNORECASE)
_KIND_WORDS = sorted((str(kind) for kind in PLACE_KINDS), key=len, reverse=True)
# "xã Mộc Bắc", "phường Lam Hạ", "đặc khu Phú Quốc": the kind word, then capitalised syllables.
_KIND = re.compile(r"(?<!\w)(" + "|".join(_KIND_WORDS) + r")\s+(?=\w)", re.IGNORECASE)
# Quoted names that are the movement itself, not a model.
_GENERIC = {"dan van kheo", "nam dan van kheo", "dan van"}


# How a headline naming a model begins: "Mô hình", optionally "dân vận khéo", "về" or ":".
_HEADLINE = re.compile(r"^mô hình(?!\w)(?:\s+dân vận khéo(?!\w))?(?:\s+về(?!\w)|\s*:)?\s*", re.I)
MIN_HEADLINE_WORDS = 2  # after that start: "Mô hình dân vận khéo" alone names no model


@dataclass(frozen=True)
class Found:
    name: str
    unit_text: str
    year: int | None
    sentence: str


def sentences(text):
    return [part.strip() for part in _SENTENCE_END.split(nfc(text)) if part and part.strip()]


def find_in_text(text):
    """[Found] for every model the text names by the rule above, in order of first mention; a
    unit or year the first sentence lacks is taken from a later sentence naming the same model."""
    found = {}
    for sentence in sentences(text):
        for match in _NAME.finditer(sentence):
            name = " ".join(match.group(1).split()).strip(" ,.;:")
            key = " ".join(words(name))
            if not key or key in _GENERIC:
                continue
            year = _YEAR.search(sentence)
            year = int(year.group(1)) if year else None
            item = Found(
                name=name,
                unit_text=find_unit(sentence),
                year=year if year and MIN_YEAR <= year <= MAX_YEAR else None,
                sentence=sentence[:1000],
            )
            first = found.get(key)
            if first is None:
                found[key] = item
            elif not (first.unit_text and first.year):
                found[key] = Found(
                    first.name,
                    first.unit_text or item.unit_text,
                    first.year or item.year,
                    first.sentence if first.unit_text or not item.unit_text else item.sentence,
                )
    return list(found.values())


def find_in_headline(headline):
    """`Found` for a headline that begins with "Mô hình" (the rule above), else None."""
    text = " ".join(nfc(headline).split())
    quoted = _NAME.match(text)
    if quoted:
        found = find_in_text(text)
        return found[0] if found else None
    start = _HEADLINE.match(text)
    if start is None or len(words(text[start.end() :])) < MIN_HEADLINE_WORDS:
        return None
    name = text.strip(" .;:")
    if " ".join(words(name)) in _GENERIC:
        return None
    year = _YEAR.search(text)
    year = int(year.group(1)) if year else None
    return Found(
        name=name[:300],
        unit_text=find_unit(text),
        year=year if year and MIN_YEAR <= year <= MAX_YEAR else None,
        sentence=text[:1000],
    )


def find_in_post(post):
    """[(Found, CandidateSource)] of a post: its text and title (the post is about these),
    then the headlines its source page listed; each name once, the first place it is found."""
    found = [(item, CandidateSource.POST) for item in find_in_text(post_text(post))]
    titled = find_in_headline(post.title)
    if titled is not None:
        found.append((titled, CandidateSource.POST))
    for line in (getattr(post, "source_headlines", "") or "").splitlines():
        listed = find_in_headline(line)
        if listed is not None:
            found.append((listed, CandidateSource.LISTED))
    unique = {}
    for item, source in found:
        unique.setdefault(name_key(item.name), (item, source))
    return list(unique.values())


def find_unit(sentence):
    """The first "xã Mộc Bắc" the sentence writes: a kind word, then capitalised syllables."""
    for match in _KIND.finditer(sentence):
        name = []
        for word in sentence[match.end() :].split():
            word = word.strip(',.;:()“”"')
            if not word or not word[0].isupper():
                break
            name.append(word)
            if not sentence[match.end() :].split()[len(name) - 1][-1].isalnum():
                break  # punctuation ends the name
        if name:
            return f"{match.group(1).lower()} {' '.join(name)}"
    return ""


def post_text(post):
    return f"{post.title}\n{post.summary or ''}\n{strip_tags(post.body or '')}"


def match_unit(unit_text):
    """The one unit the written "xã Mộc Bắc" names (current or former name), else None."""
    if not unit_text:
        return None
    kind, _, name = unit_text.partition(" ")
    for word in _KIND_WORDS:  # kind words have spaces ("thị trấn"): take the longest that fits
        if unit_text.lower().startswith(word + " "):
            kind, name = word, unit_text[len(word) + 1 :]
            break
    units = list(Unit.objects.filter(kind=kind.lower(), name__iexact=name)[:2])
    return units[0] if len(units) == 1 else None


def tagged_posts():
    """Posts tagged "Dân vận khéo" (the posts model reached through the relation: no import)."""
    post_model = Candidate.post.field.related_model
    return post_model.objects.filter(tags__slug=TOPIC_SLUG).distinct()


def offer_candidates(posts=None):
    """Store the candidates of `posts` (default: every tagged post); a name already offered
    for a post, or already a model linked to it, is not offered again. Returns how many."""
    made = 0
    for post in posts if posts is not None else tagged_posts().iterator():
        linked = {name_key(n) for n in post.practices.values_list("title", flat=True)}
        for item, source in find_in_post(post):
            key = name_key(item.name)
            if key in linked:
                continue
            _, created = Candidate.objects.get_or_create(
                post=post,
                name_key=key,
                defaults={
                    "name": item.name,
                    "unit_text": item.unit_text,
                    "unit": match_unit(item.unit_text),
                    "year": item.year,
                    "sentence": item.sentence,
                    "source": source,
                },
            )
            made += created
    return made


def _decide(candidate, status, practice, user):
    candidate.status = status
    candidate.practice = practice
    candidate.decided_at = timezone.now()
    candidate.decided_by = user if user and user.pk else None
    candidate.save()
    if practice is not None and candidate.source == CandidateSource.POST:
        practice.posts.add(candidate.post)  # a listed headline's post is not about the model


@transaction.atomic
def accept(candidate, user):
    """A draft model from the candidate, linked to the post when the post is about it (not
    for a headline its source page listed): its name, and its unit when the article names one
    the site knows. The year stays on the candidate for the editor to place
    (an article's year may be a recognition's, a start's or a report's: it is not guessed)."""
    if candidate.status != CandidateStatus.NEW:
        raise ValueError("Đề xuất này đã được xử lý.")
    practice = Practice(title=candidate.name, unit=candidate.unit, status=Status.DRAFT)
    practice.created_by = practice.updated_by = user if user and user.pk else None
    practice.save()
    if candidate.unit_id:
        practice.units.add(candidate.unit)
    _decide(candidate, CandidateStatus.ACCEPTED, practice, user)
    return practice


@transaction.atomic
def merge(candidate, practice, user):
    """The candidate is a model already in the catalogue: link the post to it (when the post
    is about it)."""
    if candidate.status != CandidateStatus.NEW:
        raise ValueError("Đề xuất này đã được xử lý.")
    _decide(candidate, CandidateStatus.MERGED, practice, user)
    return practice


def dismiss(candidate, user):
    if candidate.status != CandidateStatus.NEW:
        raise ValueError("Đề xuất này đã được xử lý.")
    candidate.status = CandidateStatus.DISMISSED
    candidate.decided_at = timezone.now()
    candidate.decided_by = user if user and user.pk else None
    candidate.save()
