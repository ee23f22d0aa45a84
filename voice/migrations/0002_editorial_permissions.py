"""The editorial groups' permissions on citizens' voice: handlers handle questions and draft answers; publishers approve answers and open drafts for comments.

A frozen copy of the grants (group names as core.roles spells them): a migration never imports
a helper of the project, so editing one cannot change history."""

from django.db import migrations

APP = "voice"
EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt tin"
READERS = "Cán bộ"

EDITOR_PERMISSIONS = ["change_question", "view_question", "view_consultation", "view_draftcomment"]
GRANTS = {EDITORS: EDITOR_PERMISSIONS, PUBLISHERS: [*EDITOR_PERMISSIONS, "publish_question", "add_consultation", "change_consultation", "change_draftcomment"]}


def grant_permissions(apps, schema_editor):
    # Permissions are normally created after migrate; this migration needs them now. The real
    # AppConfig is passed (the migration state's stub has no models module); create_permissions
    # still reads the models from the historical apps.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config(APP), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = Permission.objects.filter(
            content_type__app_label=APP, codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Missing permissions in {APP}: {sorted(missing)}")
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        (APP, "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
