"""Topic tags: which vocabulary phrases an article mentions (accent- and case-insensitive).

The vocabulary is `news/data/topics.json` (the initial list) synced into `news.TopicRule`, the
table editors extend in the admin. Matching is on whole words of the article itself only.
"""

import json
from pathlib import Path

from core.text import nfc, words

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "data" / "topics.json"


def load_vocabulary(path=VOCABULARY_FILE):
    """[(name, [phrase, …]), …] from the data file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        (nfc(t["name"]).strip(), [nfc(p).strip() for p in t["phrases"]]) for t in data["topics"]
    ]


def _key(text):
    return " " + " ".join(words(text)) + " "


def match_topics(text, vocabulary):
    """Names from `vocabulary` ([(name, phrases)]) whose phrases occur in `text` as whole words."""
    haystack = _key(text)
    found = []
    for name, phrases in vocabulary:
        keys = [_key(p) for p in phrases if words(p)]
        if any(key in haystack for key in keys) and name not in found:
            found.append(name)
    return found
