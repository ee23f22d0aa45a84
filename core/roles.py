"""The editorial groups. Each app's data migration grants its own permissions to them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt tin"
# Read-only: logs in and reads internal documents on the public registry; edits nothing.
READERS = "Cán bộ"


def grant(apps, group_name, app_label, codenames):
    """Give `group_name` the permissions `codenames` of `app_label` (for data migrations)."""
    # Permissions are normally created after migrate; a data migration needs them now.
    # The real AppConfig is passed (the migration state's stub has no `models_module`);
    # create_permissions still reads the models from the historical `apps`.
    create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Missing permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*perms)
