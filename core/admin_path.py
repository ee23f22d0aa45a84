"""Whether a request is for the admin, whose path is a setting (`ADMIN_URL`): the security
headers and the second factor both ask."""

from django.conf import settings


def is_admin_path(path):
    return path.startswith("/" + settings.ADMIN_URL)
