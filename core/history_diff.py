"""Revision history people can read: field changes as Vietnamese labels and side-by-side word
diffs of the text (tags stripped, never raw HTML), values as the admin shows them."""

import datetime
import difflib
import html

from django.db import models
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from simple_history.template_utils import HistoricalRecordContextHelper

from core.dates import format_date

# Counted on every save (optimistic concurrency, core/desk.py): not a change a reader follows.
BOOKKEEPING = {"version"}
HISTORY_TYPES = {"+": "Tạo mới", "~": "Sửa", "-": "Xoá"}


def plain_text(value):
    """What a reader sees of a value: HTML without tags and entities, or its string."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = strip_tags(text.replace("</p>", "</p> ").replace("<br>", " "))
    return html.unescape(text)


def word_diff(old, new):
    """(old, new) as safe HTML: removed words in <del>, added words in <ins>, runs grouped."""
    old_words, new_words = old.split(), new.split()
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        old_run = escape(" ".join(old_words[a1:a2]))
        new_run = escape(" ".join(new_words[b1:b2]))
        if op == "equal":
            left.append(old_run)
            right.append(new_run)
            continue
        if old_run:
            left.append(f"<del>{old_run}</del>")
        if new_run:
            right.append(f"<ins>{new_run}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (escaped above)


def display_value(field, value):
    """A stored value as the form shows it: choice labels, yes/no, local dates, names."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, (list, tuple)):  # many-to-many: the related rows' ids
        return f"{len(value)} mục"
    return plain_text(value)


def is_text(field):
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices


class ReadableChanges(HistoricalRecordContextHelper):
    """The changes between two versions as rows: label, old and new (safe HTML), the text
    as a side-by-side word diff."""

    def context_for_delta_changes(self, delta):
        rows = []
        for change in delta.changes:
            if change.field in BOOKKEEPING:
                continue
            field = self.model._meta.get_field(change.field)
            if is_text(field):
                old, new = word_diff(plain_text(change.old), plain_text(change.new))
            else:
                old = escape(display_value(field, change.old))
                new = escape(display_value(field, change.new))
            rows.append({"field": capfirst(field.verbose_name), "old": old, "new": new})
        return rows
