from django.urls import path

from practices import feeds, views

app_name = "practices"

# The fixed paths come before the slug pattern, which would otherwise take them.
urlpatterns = [
    path("mo-hinh/", views.PracticeListView.as_view(), name="list"),
    path("mo-hinh/tai-ve.csv", views.practice_csv, name="csv"),
    path("mo-hinh/tai-ve.xlsx", views.practice_xlsx, name="xlsx"),
    path("mo-hinh/thong-ke/", views.summary_page, name="summary"),
    path("mo-hinh/rss/", feeds.RecognisedPracticesFeed(), name="rss"),
    path("mo-hinh/<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
]
