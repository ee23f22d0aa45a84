from django.db import migrations

from core import roles

# Editors pick topics and name new ones as they write (a role without add_topic picks existing
# topics only); publishers also keep the vocabulary and the phrases that tag imported articles.
EDITOR_PERMS = ["view_topic", "view_topicrule", "add_topic"]
PUBLISHER_PERMS = [
    *EDITOR_PERMS,
    "change_topic",
    "delete_topic",
    "add_topicrule",
    "change_topicrule",
]


def create_groups(apps, schema_editor):
    roles.grant(apps, roles.EDITORS, "taxonomy", EDITOR_PERMS)
    roles.grant(apps, roles.PUBLISHERS, "taxonomy", PUBLISHER_PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
