"""Importing copied articles: bytes -> text -> `Article` (pure), then `Article` -> `Post` (db).

`decoding` and `parsing` never touch the database; `topics` matches the vocabulary; `loading`
writes posts. Documents and events are extracted by their own apps (`docs_registry.citations`,
`events.reports`).
"""
