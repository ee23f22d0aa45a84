"""Admin of the desk's settings: the approval steps of each kind (and category) of content."""

from django.contrib import admin

from core.models import ApprovalStep

admin.site.register(ApprovalStep)
