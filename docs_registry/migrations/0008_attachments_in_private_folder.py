"""Move attachments stored before the private folder existed (van-ban/<year>/<name>) to
private/van-ban/<year>/<name>-<random>, where nginx never serves them directly."""

import posixpath

from django.core.files.storage import default_storage
from django.db import migrations

from core.uploads import PRIVATE_PREFIX, random_name


def move_to_private_folder(apps, schema_editor):
    Attachment = apps.get_model("docs_registry", "Attachment")
    for attachment in Attachment.objects.exclude(file="").iterator():
        old = attachment.file.name
        if old.startswith(PRIVATE_PREFIX + "/") or not default_storage.exists(old):
            continue
        folder = posixpath.dirname(old)
        with default_storage.open(old, "rb") as handle:
            new = default_storage.save(
                posixpath.join(PRIVATE_PREFIX, folder, random_name(old)), handle
            )
        Attachment.objects.filter(pk=attachment.pk).update(file=new)
        default_storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [("docs_registry", "0007_revision_history")]

    operations = [migrations.RunPython(move_to_private_folder, migrations.RunPython.noop)]
