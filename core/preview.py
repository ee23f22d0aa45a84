"""Detail views the public sees only once published; staff preview drafts, never cached."""

from django.utils.cache import add_never_cache_headers


class PreviewableDetailMixin:
    """For DetailView subclasses over a Publishable model.

    Anonymous visitors get 404 for anything outside `published()`; staff see drafts and
    scheduled items at their public URL with `is_preview` set, and the response is not cached.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview") or self.request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
