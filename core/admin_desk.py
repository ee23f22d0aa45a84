"""Admin of the desk's settings: the approval steps of each kind (and category) of content.
Administrators keep them; the groups they name need the permission to view the kind."""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from core.models import ApprovalStep


def _kinds():
    from core.publishing import Publishable  # noqa: PLC0415 (models loaded: a form runs late)

    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def _category_model(model):
    try:
        field = model._meta.get_field("category")
    except Exception:  # noqa: BLE001 (a kind without categories)
        return None
    return field.related_model if field.is_relation else None


def category_choices():
    choices = [("", "Mọi chuyên mục")]
    for model in _kinds():
        category_model = _category_model(model)
        if category_model is None:
            continue
        kind = str(model._meta.verbose_name).capitalize()
        choices += [(str(c.pk), f"{kind}: {c}") for c in category_model._default_manager.all()]
    return choices


class ApprovalStepForm(forms.ModelForm):
    category_id = forms.TypedChoiceField(
        label="Chuyên mục", required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = ApprovalStep
        fields = ("content_type", "category_id", "position", "group")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_id"].choices = category_choices()
        types = ContentType.objects.get_for_models(*_kinds(), for_concrete_models=False)
        self.fields["content_type"].queryset = ContentType.objects.filter(
            pk__in=[t.pk for t in types.values()]
        )

    def clean(self):
        data = super().clean()
        content_type, category = data.get("content_type"), data.get("category_id")
        if content_type is not None and category is not None:
            category_model = _category_model(content_type.model_class())
            if (
                category_model is None
                or not category_model._default_manager.filter(pk=category).exists()
            ):
                self.add_error("category_id", "Chuyên mục này không thuộc loại nội dung đã chọn.")
        duplicate = ApprovalStep.objects.filter(
            content_type=content_type, category_id=category, position=data.get("position")
        ).exclude(pk=self.instance.pk)
        if content_type is not None and duplicate.exists():
            self.add_error("position", "Đã có bước này cho loại nội dung và chuyên mục đã chọn.")
        return data


@admin.register(ApprovalStep)
class ApprovalStepAdmin(admin.ModelAdmin):
    form = ApprovalStepForm
    list_display = ("content_type", "category_label", "position", "group")
    list_filter = ("content_type", "group")
    list_select_related = ("content_type", "group")

    def get_changelist_instance(self, request):
        # The category names, read once for the whole list (not one query per row).
        changelist = super().get_changelist_instance(request)
        names = dict(category_choices())
        for step in changelist.result_list:
            step.category_name = names.get(str(step.category_id), "")
        return changelist

    @admin.display(description="Chuyên mục")
    def category_label(self, step):
        return getattr(step, "category_name", "") or "Mọi chuyên mục"
