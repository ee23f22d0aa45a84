"""The units fields of the content admins (posts, events, documents): a search-as-you-type
picker that offers, and accepts, only the units of the editor's scope.

An editor limited to units must keep their item in at least one of them; a unit the item already
had stays choosable (so editing never drops it), and any other unit in a crafted POST is
refused by the field like an unknown choice."""

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import Q

from taxonomy.units import Unit, scope_ids

OUT_OF_SCOPE = "Nội dung phải thuộc ít nhất một đơn vị của bạn."


class UnitPickerMixin:
    """For a ModelAdmin of a UnitScoped model; put its `unit_fields` in the fieldsets."""

    def get_list_filter(self, request):
        # "Đơn vị" beside the other filters: only the units the editor's items name.
        return (*super().get_list_filter(request), ("units", RelatedOnlyFieldListFilter))

    def get_autocomplete_fields(self, request):
        return (*super().get_autocomplete_fields(request), *self.model.unit_fields)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        ids = scope_ids(request.user)
        names = [name for name in self.model.unit_fields if name in form.base_fields]
        if ids is None or not names:
            return form
        # A subclass first: its metaclass builds its fields anew, which are then narrowed.
        form = _scoped_form(form, names, frozenset(ids))
        for name in names:
            allowed = Q(pk__in=ids)
            if obj is not None and obj.pk:
                field = self.model._meta.get_field(name)
                if field.many_to_many:
                    allowed |= Q(pk__in=list(getattr(obj, name).values_list("pk", flat=True)))
                elif getattr(obj, field.attname):
                    allowed |= Q(pk=getattr(obj, field.attname))
            form.base_fields[name].queryset = Unit.objects.filter(allowed)
        if "units" in form.base_fields:
            form.base_fields["units"].required = True
            form.base_fields["units"].help_text = "Chọn ít nhất một đơn vị của bạn."
        return form


def _scoped_form(form_class, names, ids):
    """`form_class` that also refuses an item none of whose units is the editor's: an editor
    may not hand their item over to another unit (and lose it) by keeping only its old units."""

    def clean(self):
        cleaned = base_clean(self)
        chosen = set()
        for name in names:
            value = cleaned.get(name)
            if value is None:
                continue
            chosen |= {u.pk for u in value} if hasattr(value, "__iter__") else {value.pk}
        if not chosen & ids and not self.has_error(names[0]):
            self.add_error(names[0], OUT_OF_SCOPE)
        return cleaned

    base_clean = form_class.clean
    return type(form_class.__name__, (form_class,), {"clean": clean})
