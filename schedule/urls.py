from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.week_view, name="week"),
    path("lich-cong-tac/in/", views.print_view, name="print"),
    path("lich-cong-tac/lich.ics", views.week_ics, name="ics"),
]
