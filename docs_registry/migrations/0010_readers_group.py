from django.db import migrations

from core import roles


def create_readers(apps, schema_editor):
    # "Cán bộ": reads internal documents on the public registry, edits nothing.
    roles.grant(apps, roles.READERS, "docs_registry", ["view_internal_document"])


class Migration(migrations.Migration):
    dependencies = [("docs_registry", "0009_internal_readers")]

    operations = [migrations.RunPython(create_readers, migrations.RunPython.noop)]
