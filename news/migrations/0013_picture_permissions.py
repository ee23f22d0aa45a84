from django.db import migrations

from core import roles


def grant_pictures(apps, schema_editor):
    # Editors upload and describe pictures; publishers also remove them.
    editor = ["add_picture", "change_picture", "view_picture"]
    roles.grant(apps, roles.EDITORS, "news", editor)
    roles.grant(apps, roles.PUBLISHERS, "news", [*editor, "delete_picture"])


class Migration(migrations.Migration):
    dependencies = [("news", "0012_picture_library")]

    operations = [migrations.RunPython(grant_pictures, migrations.RunPython.noop)]
