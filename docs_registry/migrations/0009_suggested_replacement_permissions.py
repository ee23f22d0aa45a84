from django.db import migrations

from core import roles


def grant(apps, schema_editor):
    # Editors see what articles suggest; publishers confirm (it changes a document's validity).
    roles.grant(apps, roles.EDITORS, "docs_registry", ["view_suggestedreplacement"])
    roles.grant(
        apps,
        roles.PUBLISHERS,
        "docs_registry",
        [
            "view_suggestedreplacement",
            "change_suggestedreplacement",
            "delete_suggestedreplacement",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("docs_registry", "0008_unknown_validity_suggested_replacements")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
