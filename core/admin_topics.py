"""The topic tags field of the admin forms (posts, events, documents share taxonomy's topics).

Suggestions come from existing topics (`TopicSuggestMixin`, on the topic model's admin); a
name that is not a topic yet is refused on the server unless the user may add topics.
"""

from django import forms
from django.db.models import Q
from django.http import JsonResponse
from django.urls import NoReverseMatch, path, reverse
from taggit.managers import TaggableManager

from core.tags import TopicInput
from core.text import fold

SUGGESTIONS = 12


def suggest_url_name(topic_model):
    return f"{topic_model._meta.app_label}_{topic_model._meta.model_name}_suggest"


def matching_names(names, query, limit=SUGGESTIONS):
    """Names with a word starting with each folded word of `query` ("dan van" -> "Dân vận khéo"),
    the ones starting with the query first."""
    wanted = fold(query).split()
    if not wanted:
        return []
    found = []
    for name in names:
        folded = fold(name)
        name_words = folded.split()
        if all(any(w.startswith(q) for w in name_words) for q in wanted):
            found.append((not folded.startswith(" ".join(wanted)), folded, name))
    return [name for *_, name in sorted(found)[:limit]]


class TopicSuggestMixin:
    """For the topic model's ModelAdmin: a JSON list of topic names matching ?q=."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.suggest_view)
        return [path("goi-y/", view, name=suggest_url_name(self.model)), *super().get_urls()]

    def suggest_view(self, request):
        if not self.has_view_permission(request):
            return JsonResponse({"results": []}, status=403)
        names = self.model._default_manager.values_list("name", flat=True)
        query = request.GET.get("q", "")[:100]
        return JsonResponse({"results": matching_names(names, query)})


def unknown_topics(topic_model, names):
    """The names among `names` that are no topic yet (matched as taggit matches them)."""
    if not names:
        return []
    condition = Q()
    for name in names:
        condition |= Q(name__iexact=name)
    known = {
        n.casefold()
        for n in topic_model._default_manager.filter(condition).values_list("name", flat=True)
    }
    return [name for name in names if name.casefold() not in known]


class TopicFieldMixin:
    """For a ModelAdmin whose model has a `TaggableManager` named "tags"."""

    def topic_model(self):
        return self.model._meta.get_field("tags").remote_field.model

    def may_add_topics(self, request):
        opts = self.topic_model()._meta
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):
            try:
                url = reverse(f"admin:{suggest_url_name(db_field.remote_field.model)}")
            except NoReverseMatch:
                url = ""
            kwargs["widget"] = TopicInput(suggest_url=url)
            help_text = "Gõ để chọn chủ đề có sẵn; dấu phẩy hoặc Enter để ngăn cách các chủ đề."
            if not self.may_add_topics(request):
                help_text += " Chỉ chọn được chủ đề đã có."
            kwargs["help_text"] = help_text
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "tags" not in form.base_fields or self.may_add_topics(request):
            return form
        topic_model = self.topic_model()

        class KnownTopicsOnly(form):
            def clean_tags(self):
                names = self.cleaned_data.get("tags") or []
                unknown = unknown_topics(topic_model, names)
                if unknown:
                    raise forms.ValidationError(
                        "Chưa có chủ đề: %(names)s. Hãy chọn chủ đề có sẵn trong gợi ý, "
                        "hoặc nhờ người duyệt tin thêm chủ đề mới.",
                        params={"names": ", ".join(f"“{n}”" for n in unknown)},
                        code="unknown_topic",
                    )
                return names

        return KnownTopicsOnly
