"""Topic tags: which vocabulary phrases an article mentions (accent- and case-insensitive).

The vocabulary is `taxonomy/data/topics.json` (the initial list) synced into
`taxonomy.TopicRule`, the table editors extend in the admin (`taxonomy.vocabulary`). Matching
is on whole words of the article itself only.
"""

from core.text import words


def _key(text):
    return " " + " ".join(words(text)) + " "


# A topic named only in the body is the article's subject when named at least this often;
# once is a passing mention (a word in a list of attendees).
BODY_MENTIONS = 2


def match_topics(text, vocabulary, lead=None):
    """Names from `vocabulary` ([(name, phrases)]) whose phrases occur in `text` as whole words.

    With `lead` (the title and sapo), only the topics the article is about: named in the lead,
    or `BODY_MENTIONS` times in `text`.
    """
    haystack = _key(text)
    about = _key(lead) if lead is not None else haystack
    found = []
    for name, phrases in vocabulary:
        keys = [_key(p) for p in phrases if words(p)]
        in_lead = any(key in about for key in keys)
        mentions = sum(_count(haystack, key) for key in keys)
        wanted = mentions >= (1 if lead is None else BODY_MENTIONS)
        if (in_lead or wanted) and name not in found:
            found.append(name)
    return found


def _count(haystack, key):
    """Occurrences of `key` (" word … ") in `haystack`, overlapping spaces allowed."""
    count, start = 0, haystack.find(key)
    while start >= 0:
        count += 1
        start = haystack.find(key, start + len(key) - 1)
    return count
