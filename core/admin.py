"""core's admin pages: the audit log and the approval steps (registered by their modules)."""

from core import admin_audit, admin_desk  # noqa: F401 (they register their admins)
