# The second factor's pages, included under the admin's path before the admin (which would take
# them); no namespace, so they stay "two_factor_verify" and "two_factor_enrol".
from django.urls import path

from accounts import admin_idle, two_factor

urlpatterns = [
    path("xac-thuc/", two_factor.verify, name="two_factor_verify"),
    path("xac-thuc/dang-ky/", two_factor.enrol, name="two_factor_enrol"),
    path("con-hoat-dong/", admin_idle.keep_alive, name="admin_keep_alive"),
]
