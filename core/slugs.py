"""Unique slugs from Vietnamese titles."""

from core.text import slugify


def unique_slug(instance, text, field_name="slug"):
    """A slug for `instance` from `text`, suffixed -2, -3 … until no other row has it."""
    field = instance._meta.get_field(field_name)
    max_length = field.max_length or 50
    base = slugify(text, max_length=max_length - 6) or instance._meta.model_name
    manager = type(instance)._default_manager
    others = manager.exclude(pk=instance.pk) if instance.pk else manager.all()
    taken = set(
        others.filter(**{f"{field_name}__startswith": base}).values_list(field_name, flat=True)
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


class SlugFromNameMixin:
    """For lookup models with `name` and `slug`: shown by name, slug made once from it."""

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
