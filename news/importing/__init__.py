"""Importing copied articles: bytes -> text -> `Article` (pure), then `Article` -> `Post` (db).

`decoding`, `parsing` (text pages), `html` (pages saved from a browser), `bylines` and `lines`
never touch the database; `topics` matches the vocabulary; `warnings` lists what an editor must
check; `loading` writes posts. Documents and events are extracted by their own apps
(`docs_registry.citations` and `.replacements`, `events.reports`).
"""
