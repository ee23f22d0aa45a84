from django.db import migrations

from core import roles

# The topic permissions are granted by taxonomy's 0002_editorial_groups (topics moved there).
EDITOR_PERMS = [
    "add_post",
    "change_post",
    "view_post",
    "delete_post",  # the admin lets editors delete drafts only
    "view_category",
    "view_workflownote",
]
PUBLISHER_PERMS = EDITOR_PERMS + [
    "publish_post",
    "add_category",
    "change_category",
]


def create_groups(apps, schema_editor):
    roles.grant(apps, roles.EDITORS, "news", EDITOR_PERMS)
    roles.grant(apps, roles.PUBLISHERS, "news", PUBLISHER_PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_topics_workflow_images"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
