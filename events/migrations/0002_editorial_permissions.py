from django.db import migrations

from core import roles

EDITOR_PERMISSIONS = ["add_event", "change_event", "view_event", "delete_event"]
PUBLISHER_PERMISSIONS = [*EDITOR_PERMISSIONS, "publish_event"]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.EDITORS, "events", EDITOR_PERMISSIONS)
    roles.grant(apps, roles.PUBLISHERS, "events", PUBLISHER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
