# No namespace: templates and the sitemap name these pages "about", "about_page" … as before.
from django.urls import path

from pages import views

urlpatterns = [
    path("gioi-thieu/", views.about, name="about"),
    path("gioi-thieu/lanh-dao/", views.about_leaders, name="about_leaders"),
    path("gioi-thieu/lien-he/", views.about_contact, name="about_contact"),
    path("gioi-thieu/<slug:slug>/", views.about_page, name="about_page"),
    path("en/", views.about_english, name="about_english"),
]
