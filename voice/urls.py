from django.urls import path

from voice import consultation_views, views

app_name = "voice"

# The fixed paths come before the question pages' slugs (voice.models.RESERVED_SLUGS).
urlpatterns = [
    path("gioi-thieu/du-lieu-ca-nhan/", views.privacy, name="privacy"),
    path("hoi-dap/", views.question_list, name="list"),
    path("hoi-dap/gui/", views.send, name="send"),
    path("hoi-dap/gui/da-gui/", views.sent, name="sent"),
    path("hoi-dap/tra-cuu/", views.follow, name="follow"),
    path(
        "hoi-dap/gop-y-du-thao/<int:document_id>/",
        consultation_views.comment,
        name="comment",
    ),
    path("hoi-dap/<slug:slug>/", views.question_detail, name="detail"),
]
