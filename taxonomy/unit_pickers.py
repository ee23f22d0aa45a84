"""The units fields of the content admins (posts, events, documents): a search-as-you-type
picker that offers, and accepts, only the units of the editor's scope.

An editor limited to units must put their item in at least one of them; a unit the item already
had stays choosable (so editing never drops it), and any other unit in a crafted POST is
refused by the field like an unknown choice."""

from django.db.models import Q

from taxonomy.units import Unit, scope_ids


class UnitPickerMixin:
    """For a ModelAdmin of a UnitScoped model; put its `unit_fields` in the fieldsets."""

    def get_autocomplete_fields(self, request):
        return (*super().get_autocomplete_fields(request), *self.model.unit_fields)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        ids = scope_ids(request.user)
        if ids is None:
            return form
        for name in self.model.unit_fields:
            field = form.base_fields.get(name)
            if field is None:
                continue
            allowed = Q(pk__in=ids)
            if obj is not None and obj.pk:
                field_obj = self.model._meta.get_field(name)
                if field_obj.many_to_many:
                    allowed |= Q(pk__in=getattr(obj, name).values("pk"))
                elif getattr(obj, field_obj.attname):
                    allowed |= Q(pk=getattr(obj, field_obj.attname))
            field.queryset = Unit.objects.filter(allowed)
        if "units" in form.base_fields:
            form.base_fields["units"].required = True
            form.base_fields["units"].help_text = "Chọn ít nhất một đơn vị của bạn."
        return form
