"""Citing regulations from the post form: the site layer joins news and the registry.

The post admin gains a "Văn bản trích dẫn" field (the reverse of `Document.posts`) whose picker
(static/dvsite/document_picker.js) finds documents by any loose number or words through
`docs_registry.lookup.find`; without script the chosen documents stay as checkboxes.
"""

from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path, reverse

from docs_registry import lookup
from docs_registry.models import Document
from news.admin import PostAdmin
from news.models import Post

FIELD = "cited_documents"
SUGGEST_URL_NAME = "news_post_cite_suggest"


def document_label(doc):
    label = f"{doc.doc_type.name} {doc.number}"
    if doc.title:
        label += f" – {doc.title[:120]}"
    if doc.is_internal:
        label += " (nội bộ)"
    elif not doc.is_public():
        label += " (chưa công khai)"
    return label


class DocumentPicker(forms.SelectMultiple):
    # Widget templates render with the form renderer, which reads app templates only.
    template_name = "dvsite/widgets/document_picker.html"

    class Media:
        js = ["core/combobox.js", "dvsite/document_picker.js"]
        css = {"all": ["dvsite/document_picker.css"]}

    def id_for_label(self, id_):
        return f"{id_}_search" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [str(v) for v in (value or []) if str(v).isdigit()]
        chosen = Document.objects.filter(pk__in=ids).select_related("doc_type") if ids else []
        context["chosen"] = [(doc.pk, document_label(doc)) for doc in chosen]
        context["suggest_url"] = reverse(f"admin:{SUGGEST_URL_NAME}")
        return context

    def optgroups(self, name, value, attrs=None):
        return []  # only the chosen documents are rendered, never the whole registry


class CitingPostForm(forms.ModelForm):
    cited_documents = forms.ModelMultipleChoiceField(
        label="Văn bản trích dẫn",
        queryset=Document.objects.filter(revision_of__isnull=True),
        required=False,
        widget=DocumentPicker,
        help_text="Gõ số hoặc tên văn bản (ví dụ “quyết định 23”, “23/QĐ-TW”, “NQ25”) rồi "
        "chọn; bỏ dấu chọn để thôi trích dẫn. Bài đăng hiện mục “Văn bản liên quan”.",
    )

    class Meta:
        model = Post
        fields = ()  # the admin passes the fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and FIELD in self.fields:
            self.fields[FIELD].initial = list(
                self.instance.cited_documents.values_list("pk", flat=True)
            )


class CitingPostAdmin(PostAdmin):
    form = CitingPostForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, {**opts}) for name, opts in super().get_fieldsets(request, obj)]
        if self.has_change_permission(request, obj) or obj is None:
            fieldsets.insert(2, ("Văn bản liên quan", {"fields": (FIELD,)}))
        else:
            fieldsets.insert(2, ("Văn bản liên quan", {"fields": ("cited_list",)}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "cited_list"]

    @admin.display(description="Văn bản trích dẫn")
    def cited_list(self, obj):
        docs = obj.cited_documents.select_related("doc_type") if obj and obj.pk else []
        return "; ".join(document_label(doc) for doc in docs) or "–"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if FIELD in form.cleaned_data:
            form.instance.cited_documents.set(form.cleaned_data[FIELD])

    def get_urls(self):
        view = self.admin_site.admin_view(self.cite_suggest_view)
        return [
            path("van-ban-trich-dan/", view, name=SUGGEST_URL_NAME),
            *super().get_urls(),
        ]

    def cite_suggest_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return JsonResponse({"results": []}, status=403)
        docs = lookup.find(request.GET.get("q", ""))
        return JsonResponse({"results": [{"id": d.pk, "label": document_label(d)} for d in docs]})


def register():
    admin.site.unregister(Post)
    admin.site.register(Post, CitingPostAdmin)
