"""The topic vocabulary's data: `data/topics.json` (the initial list of topics and the phrases
that trigger them), synced into `TopicRule`, the table editors extend in the admin."""

import json
from pathlib import Path

from core.text import fold, nfc
from taxonomy.models import TopicRule

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "topics.json"


def load_vocabulary(path=VOCABULARY_FILE):
    """[(name, [phrase, …]), …] from the data file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        (nfc(t["name"]).strip(), [nfc(p).strip() for p in t["phrases"]]) for t in data["topics"]
    ]


def sync_topic_rules(vocabulary):
    """Add the rules and phrases of `vocabulary` missing from `TopicRule`; never remove any.

    Returns the number of rules created and updated. A rule an editor switched off stays off.
    """
    created = updated = 0
    for name, phrases in vocabulary:
        rule = TopicRule.objects.filter(name=name).first()
        if rule is None:
            TopicRule.objects.create(name=name, phrases="\n".join(phrases))
            created += 1
            continue
        have = {fold(p) for p in rule.phrase_list()}
        missing = [p for p in phrases if fold(p) not in have]
        if missing:
            rule.phrases = "\n".join([*rule.phrase_list(), *missing])
            rule.save(update_fields=["phrases"])
            updated += 1
    return created, updated


def active_vocabulary():
    """[(name, [phrase, …]), …] of the rules in use."""
    return [(rule.name, rule.phrase_list()) for rule in TopicRule.objects.filter(is_active=True)]
