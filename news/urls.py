from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/", views.PostListView.as_view(), name="list"),
    path("tin-tuc/<slug:slug>/", views.PostDetailView.as_view(), name="detail"),
    path("tin-tuc/<slug:slug>/anh/<path:name>", views.post_image, name="image"),
    path("chu-de/<slug:tag_slug>/", views.TopicPostListView.as_view(), name="tag"),
    path("chuyen-muc/<slug:slug>/", views.CategoryPostListView.as_view(), name="category"),
]
