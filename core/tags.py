"""Topic tags as Vietnamese writes them: names of several words ("Dân vận khéo"), so only a
comma (or Enter in the widget) separates two tags, never a space.

`parse_tags`/`edit_string_for_tags` are taggit's TAGGIT_TAGS_FROM_STRING/TAGGIT_STRING_FROM_TAGS.
"""

from django import forms

from core.text import nfc


def parse_tags(tagstring):
    """ "Dân vận khéo,  Quy chế dân chủ ở cơ sở, dân vận khéo" -> the distinct names, sorted.

    Commas, semicolons and line breaks separate tags; spaces inside a name are kept (runs of
    them collapsed); a name given twice in different case is kept once."""
    if not tagstring:
        return []
    text = nfc(tagstring)
    for separator in (";", "\n", "\r"):
        text = text.replace(separator, ",")
    names = {}
    for part in text.split(","):
        name = " ".join(part.replace('"', " ").split())
        if name:
            names.setdefault(name.casefold(), name)
    return sorted(names.values())


def edit_string_for_tags(tags):
    """The form's text for these tags: their names joined by ", "."""
    return ", ".join(sorted(tag.name for tag in tags))


class TopicInput(forms.TextInput):
    """The tags field with suggestions from existing topics (static/core/tag_input.js): typing
    offers matching topics, a comma or Enter ends a tag."""

    def __init__(self, suggest_url, attrs=None):
        attrs = {
            "data-tag-suggest": suggest_url,
            "autocomplete": "off",
            "class": "vTextField tag-input",
            **(attrs or {}),
        }
        super().__init__(attrs)

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = edit_string_for_tags(value)
        return super().format_value(value)

    class Media:
        js = ["core/combobox.js", "core/tag_input.js"]
        css = {"all": ["core/tag_input.css"]}
