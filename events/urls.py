from django.urls import path

from events import views

app_name = "events"

# "lich/" and "lich.ics" come before the slug patterns, which would otherwise take them.
urlpatterns = [
    path("su-kien/", views.EventListView.as_view(), name="list"),
    path("su-kien/lich.ics", views.calendar_feed, name="feed"),
    path("su-kien/lich/", views.month_calendar, name="calendar_current"),
    path("su-kien/lich/<int:year>/<int:month>/", views.month_calendar, name="calendar"),
    path("su-kien/lich/<int:year>/<int:month>/<int:day>/", views.day_events, name="day"),
    path("su-kien/<slug:slug>.ics", views.event_ics, name="ics"),
    path("su-kien/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
