from django.urls import path

from . import downloads, views

app_name = "docs_registry"

urlpatterns = [
    path("van-ban/", views.DocumentListView.as_view(), name="list"),
    path("van-ban/tai-ve.csv", views.document_csv, name="csv"),
    path("van-ban/tai-ve.xlsx", views.document_xlsx, name="xlsx"),
    path("van-ban/<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("van-ban/<slug:document>/tep/<int:pk>/", downloads.download, name="download"),
]
