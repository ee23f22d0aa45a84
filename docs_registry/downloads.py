"""Attachment downloads: the same visibility rule as the document's page.

Files live in the private folder (never served from /media/), so an internal or unpublished
document's file is as unreachable as its page: 404 for whoever may not open the page.
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.uploads import protected_file_response

from .models import Attachment, Document


@require_safe
def download(request, document, pk):
    visible = Document.objects.visible_to(request.user)
    attachment = get_object_or_404(
        Attachment.objects.select_related("document").filter(
            document__in=visible.values("pk"), document__slug=document
        ),
        pk=pk,
    )
    return protected_file_response(
        attachment.file,
        attachment.download_name,
        content_type=attachment.mime_type or None,
        public=attachment.document.is_public() and not attachment.document.is_internal,
    )
