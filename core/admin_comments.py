"""Comments on drafts in the admin (mixed into `PublishableAdmin`): the change form's panel,
its endpoint `desk/comments/` (POST: list, add, resolve, reopen; JSON) and the list on the
item's history page."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse

from core import comments


class CommentsAdminMixin:
    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_desk_comments"
        view = self.admin_site.admin_view(self.desk_comments_view)
        return [path("<path:object_id>/desk/comments/", view, name=name), *super().get_urls()]

    def desk_comments_view(self, request, object_id):
        if request.method != "POST":
            return JsonResponse({"error": "Chỉ nhận yêu cầu POST."}, status=405)
        try:
            item = self.model._default_manager.in_scope_of(request.user).get(pk=unquote(object_id))
        except (self.model.DoesNotExist, ValidationError, ValueError, TypeError):
            return JsonResponse({"error": "Không tìm thấy nội dung này."}, status=404)
        action = request.POST.get("action", "list")
        try:
            if not comments.can_comment(item, request.user):
                raise PermissionDenied("Bạn không có quyền góp ý nội dung này.")
            if action == "add":
                comments.add(
                    item,
                    request.user,
                    request.POST.get("body", ""),
                    quote=request.POST.get("quote", ""),
                    parent_id=request.POST.get("parent") or None,
                )
            elif action in ("resolve", "reopen"):
                comments.resolve(
                    item, request.user, request.POST.get("comment", ""), action == "resolve"
                )
            elif action != "list":
                return JsonResponse({"error": "Thao tác không hợp lệ."}, status=400)
        except PermissionDenied as refused:
            return JsonResponse({"error": str(refused)}, status=403)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return JsonResponse({"comments": comments.as_json(comments.thread(item))})

    def comments_context(self, request, obj):
        if obj is None or not obj.pk or not comments.can_comment(obj, request.user):
            return {}
        return {
            "comments": comments.thread(obj),
            "comments_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_desk_comments",
                args=[obj.pk],
            ),
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {**(extra_context or {}), "desk_comments": comments.thread(obj)}
        return super().history_view(request, object_id, extra_context)
