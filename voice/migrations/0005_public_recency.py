"""PostgreSQL only: the public questions in the orders pages read them, newest answer first.

The Q&A list orders by `answered_at DESC, id DESC` and site search by `answered_at DESC NULLS
LAST, id DESC` (a nullable date, core: dvsite.search._newest_first); without an index in those
orders every request read and sorted every public question (a sequential scan: 8 ms at 2,000
questions, growing with them). Partial indexes over the public rows only (`status` and
`allow_publish`, the fixed part of `Question.public_q`). SQLite keeps its plans (no NULLS LAST
in an index definition there); the SQL is written out so that history never changes."""

from django.db import migrations

INDEXES = {
    "voice_question_public_answered": '"answered_at" DESC, "id" DESC',
    "voice_question_public_answered_nl": '"answered_at" DESC NULLS LAST, "id" DESC',
}
PUBLIC = "\"status\" = 'published' AND \"allow_publish\""


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "voice_question" ({columns}) WHERE {PUBLIC}'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("voice", "0004_desk")]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
