from django.db import migrations

from core import roles

EDITOR_PERMS = [
    "add_document",
    "change_document",
    "view_document",
    "delete_document",  # the admin lets editors delete drafts only
    "add_attachment",
    "change_attachment",
    "view_attachment",
    "delete_attachment",
    "view_documenttype",
    "view_issuer",
]
PUBLISHER_PERMS = EDITOR_PERMS + [
    "publish_document",
    "add_documenttype",
    "change_documenttype",
    "add_issuer",
    "change_issuer",
]


def create_groups(apps, schema_editor):
    roles.grant(apps, roles.EDITORS, "docs_registry", EDITOR_PERMS)
    roles.grant(apps, roles.PUBLISHERS, "docs_registry", PUBLISHER_PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("docs_registry", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
