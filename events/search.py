"""What site-wide search offers from the events calendar."""

from django.utils.html import strip_tags

from core.search import SearchSource
from events.models import Event

SEARCH_SOURCE = SearchSource(
    kind="event",
    label="Sự kiện",
    queryset=lambda: Event.objects.published(),
    date=lambda event: event.start_date,
    date_field="start_date",
    text=lambda event: " ".join(
        part for part in (event.location, event.themes, strip_tags(event.description)) if part
    ),
)
