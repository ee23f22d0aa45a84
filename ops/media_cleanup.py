"""Files in the media storage that no row refers to: what a killed save leaves behind.

A worker killed between storing an upload and committing its row (or while writing renditions)
leaves files nothing points at. `orphans()` lists them: every stored file that is not the value
of a file field of some row of any model, nor named by a model's `referenced_media()` (the
renditions and the revision history of posts), and older than `min_age` (an upload whose row is
being saved right now, or whose renditions a background task is writing, is not an orphan).
"""

import datetime

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from ops.backup import media_files


def referenced_names():
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is default_storage:
                names.update(
                    model._base_manager.exclude(**{field.attname: ""})
                    .values_list(field.attname, flat=True)
                    .distinct()
                )
        if hasattr(model, "referenced_media"):
            names.update(model.referenced_media())
    names.discard(None)
    return names


def orphans(min_age=datetime.timedelta(hours=24), storage=default_storage, now=None):
    """[(name, size)] of stored files no row refers to, older than `min_age`."""
    cutoff = (now or timezone.now()) - min_age
    referenced = referenced_names()
    found = []
    for name in media_files(storage):
        if name in referenced:
            continue
        try:
            if min_age and storage.get_modified_time(name) > cutoff:
                continue
            size = storage.size(name)
        except (FileNotFoundError, OSError):
            continue
        found.append((name, size))
    return found
