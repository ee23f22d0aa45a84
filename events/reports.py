"""Events reported by news articles: pure parsing, no database.

`find_events(title, text, published_on)` reads an article (its title, its clean body text and
its publication date) and returns the event it reports — a conference, a training class, a
survey, a seminar — as plain `ReportedEvent`s, or [] when it reports none.
"""

import datetime
import re
from dataclasses import dataclass

from core.chrome import END_OF_ARTICLE
from core.text import fold_chars, nfc
from events.models import Format, Kind
from events.report_dates import find_event_date, sentence_bounds

# In priority order: "hội nghị tập huấn" is a training.
_KINDS = (
    (Kind.TRAINING, re.compile(r"\b(?:tap huan|boi duong)\b")),
    (Kind.SURVEY, re.compile(r"\bkhao sat\b")),
    (Kind.SEMINAR, re.compile(r"\b(?:hoi thao|toa dam)\b")),
    (Kind.CONFERENCE, re.compile(r"\bhoi nghi\b")),
)
# "Kết quả khảo sát …" reports findings, not a happening.
_NOT_AN_EVENT_BEFORE = re.compile(r"(?:ket qua|bao cao|phieu|so lieu|cong tac)\s+$")
_ORG_START = re.compile(
    r"^(?:ban|dang uy|dang bo|tinh uy|thanh uy|huyen uy|thi uy|quan uy|uy ban|ubnd|hdnd|mttq|"
    r"mat tran|hoi|doan|so|bo|lien doan|truong|hoc vien|trung tam|chi bo|cong doan|"
    r"tong lien doan|hoi dong|van phong|cuc|vu|tinh doan|thanh doan)\b"
)
_ORGANISE = re.compile(
    r"\s+(?:da\s+)?(?:phoi hop|to chuc|tien hanh|khai mac|khai giang|mo lop|mo)\b"
)
_TITLE_VERB = re.compile(
    r"\s+(?:to chuc\s+|mo\s+)?(?:lop\s+|hoi nghi\s+)?(?:tap huan|boi duong|khao sat|hoi thao|toa dam|hoi nghi)\b"
)
_LOCATION = re.compile(r"\btai\s+")
_NOT_A_PLACE = re.compile(
    r"^(?:hoi nghi|buoi|le|lop|diem cau|dang bo|dang uy|cuoc|chuong trinh|phien|day|do|cac|"
    r"mot|nhieu|nhung|moi|co so|dia phuong|don vi|co quan)\b"
)
_VENUE = re.compile(
    r"^(?:hoi truong|tru so|nha van hoa|trung tam|khach san|truong|thanh pho|tinh|huyen|xa|"
    r"phuong|quan|thi xa|thi tran)\b"
)
_POINTS = re.compile(r"\b(\d{1,4})\s+diem cau\b")
_PARTICIPANTS = re.compile(
    r"\b(?<!nam )(\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s+(?:dai bieu|hoc vien|can bo|dang vien|nguoi)\b"
)
_HYBRID = re.compile(
    r"truc tiep (?:va|ket hop(?: voi)?) truc tuyen|truc tuyen (?:va|ket hop(?: voi)?) truc tiep|"
    r"hinh thuc ket hop"
)
_ONLINE = re.compile(r"\btruc tuyen\b|\bhoi nghi truyen hinh\b|\bdiem cau\b")
_TOPIC_WORD = re.compile(r"\bchuyen de\b")
_NUMBERED = re.compile(r"\(\d{1,2}\)\s*|(?:^|\s)\d{1,2}[.)]\s+(?=[A-ZĐÀ-Ỹ])")
_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,300})[”\"»]")
_SPEAK = re.compile(
    r"\b(?:truyen dat|giang day|trinh bay|bao cao chuyen de|quan triet|thuyet trinh)\b"
)
# Common family names: a speaker is a name starting with one of them.
_SURNAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đào|Lương|"
    "Trương|Lâm|Mai|Trịnh|Đoàn|Tô|Hà|Cao|Tạ|Chu|Lại|Quách|Thái|Kiều|Triệu|Tăng|Lưu|Phùng|"
    "Giang|Doãn|Nông|Hứa|Khúc|Âu|Vương|Thân|Lò|Văn|Tống|Mạc|Viên|Từ|Hầu|Ông|Bạch|Lục|Châu|Vi|"
    "Quan|Đồng"
)
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = re.compile(
    rf"(?:(?:GS|PGS|TS|ThS|NCS|CN)\.?\s*(?:TS\.?\s*)?)?"
    rf"(?:{_SURNAMES})(?:\s+[{_UPPER}][\w]+){{1,3}}"
)
_TITLE_PREFIX = re.compile(r"^(?:GS|PGS|TS|ThS|NCS|CN)\b")


@dataclass(frozen=True)
class ReportedEvent:
    title: str
    kind: str
    start: datetime.date
    end: datetime.date
    start_time: datetime.time | None
    location: str
    format: str
    connection_points: int | None
    organiser: str
    participants: int | None
    themes: tuple[str, ...]  # "chuyên đề": the talks or subjects of the programme
    speakers: tuple[str, ...]


def _clean(value):
    return re.sub(r"\s+", " ", value or "").strip(" ,;:.–-\u00a0")


def _kind(folded):
    for kind, pattern in _KINDS:
        for match in pattern.finditer(folded):
            if not _NOT_AN_EVENT_BEFORE.search(folded, max(0, match.start() - 20), match.start()):
                return kind
    return None


def _paragraphs(text):
    return [p.strip() for p in text.split("\n") if len(p.split()) >= 8]


def _organiser(title, folded_title, text, folded, date):
    verb = _TITLE_VERB.search(folded_title)
    if verb and _ORG_START.match(folded_title) and verb.start() < 120:
        return _clean(title[: verb.start()])
    if date:
        start, end = sentence_bounds(folded, date.position)
        rest = folded[date.end_position : end]
        offset = date.end_position
        for clause_match in re.finditer(r"[^,]+", rest):
            clause = clause_match.group()
            verb = _ORGANISE.search(clause)
            if verb:
                raw = text[
                    offset + clause_match.start() : offset + clause_match.start() + verb.start()
                ]
                raw = _clean(raw)
                if raw and raw[0].isupper() and len(raw.split()) <= 14:
                    return raw
                break
    for match in re.finditer(
        r"\bto chuc\s+(?:hoi nghi|lop|tap huan|boi duong|khao sat|hoi thao|toa dam)", folded
    ):
        start = (
            max(
                folded.rfind(". ", 0, match.start()),
                folded.rfind(",", 0, match.start()),
                folded.rfind("\n", 0, match.start()),
            )
            + 1
        )
        candidate = _clean(text[start : match.start()])
        if _ORG_START.match(fold_chars(candidate)):
            return candidate
    return ""


def _location(text, folded, date, title, folded_title):
    spans = []
    if date:
        spans.append((text, folded, *sentence_bounds(folded, date.position)))
    spans.append((title, folded_title, 0, len(title)))
    for original, fold, start, end in spans:
        for match in _LOCATION.finditer(fold, start, end):
            after = fold[match.end() : end]
            if _NOT_A_PLACE.match(after):
                continue
            raw = original[match.end() : end]
            if not (raw[:1].isupper() or _VENUE.match(after)):
                continue
            place = _clean(re.split(r"[,;:.(\n]| và | cho | với | nhằm ", raw)[0])
            if place and len(place) <= 120:
                return place
    return ""


def _format(folded_lead, folded):
    if _HYBRID.search(folded_lead):
        return Format.HYBRID
    if _ONLINE.search(folded_lead) or _POINTS.search(folded):
        return Format.ONLINE
    return Format.IN_PERSON


def _number(value):
    return int(re.sub(r"[.,]", "", value))


def _themes(text, folded):
    topics = []
    for match in _TOPIC_WORD.finditer(folded):
        start, end = sentence_bounds(folded, match.start())
        colon = folded.find(":", match.end(), end)
        if colon < 0 or colon - match.end() > 250:
            quoted = (
                _QUOTED.match(text, match.end() + 1)
                if text[match.end() : match.end() + 1] == " "
                else None
            )
            if quoted:
                topics.append(_clean(quoted.group(1)))
            continue
        listing = text[colon + 1 : end]
        quoted = _QUOTED.findall(listing)
        if quoted and _NUMBERED.search(listing) is None:
            topics.extend(_clean(q) for q in quoted)
            continue
        parts = _NUMBERED.split(listing) if _NUMBERED.search(listing) else listing.split(";")
        for part in parts:
            part = _clean(re.sub(r"^\s*(?:và|cùng)\s+", "", part))
            part = part.strip('“”"')
            if 3 <= len(part) <= 300:
                topics.append(part)
    seen = set()
    return tuple(t for t in topics if not (fold_chars(t) in seen or seen.add(fold_chars(t))))


def _speakers(text, folded):
    names = []
    for match in _SPEAK.finditer(folded):
        start, end = sentence_bounds(folded, match.start())
        sentence = text[start:end]
        for name in _NAME.finditer(sentence):
            before = fold_chars(sentence[max(0, name.start() - 25) : name.start()])
            titled = _TITLE_PREFIX.match(name.group())
            introduced = re.search(
                r"(?:dong chi|d/c|ong|ba|bao cao vien|giang vien|do|nghe)\s*$", before
            )
            if titled or introduced:
                value = _clean(name.group())
                if value not in names:
                    names.append(value)
    return tuple(names)


def find_events(title, text, published_on):
    """The events the article reports: [] or a one-element list of ReportedEvent."""
    title = _clean(nfc(title or ""))
    text = nfc(text or "")
    folded_text = fold_chars(text)
    chrome = END_OF_ARTICLE.search(folded_text)
    if chrome:
        text, folded_text = text[: chrome.start()], folded_text[: chrome.start()]
    folded_title = fold_chars(title)
    date = find_event_date(folded_text, published_on)

    kind = _kind(folded_title)
    if kind is None:
        # Without a telling title, the lead must say it: a dated happening of a known kind.
        lead = next(iter(_paragraphs(text)), "")
        folded_lead = fold_chars(lead)
        if not (find_event_date(folded_lead, published_on) and _kind(folded_lead)):
            return []
        kind = _kind(folded_lead)
    if date is None and not published_on:
        return []
    start = date.start if date else published_on
    end = date.end if date else published_on
    lead = fold_chars(" ".join(_paragraphs(text)[:2]))
    points = [int(n) for n in _POINTS.findall(folded_text)]
    participants = _PARTICIPANTS.search(folded_text)
    return [
        ReportedEvent(
            title=title,
            kind=kind.value,
            start=start,
            end=end,
            start_time=date.time if date else None,
            location=_location(text, folded_text, date, title, folded_title),
            format=_format(f"{folded_title} {lead}", folded_text).value,
            connection_points=max(points) if points else None,
            organiser=_organiser(title, folded_title, text, folded_text, date),
            participants=_number(participants.group(1)) if participants else None,
            themes=_themes(text, folded_text),
            speakers=_speakers(text, folded_text),
        )
    ]
