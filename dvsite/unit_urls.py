from django.urls import path

from dvsite import units

app_name = "units"

urlpatterns = [
    path("don-vi/", units.unit_index, name="index"),
    path("don-vi/<slug:slug>/", units.unit_detail, name="detail"),
]
