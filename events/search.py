"""What site-wide search offers from the events calendar."""

from core.search import SearchSource, leading_text
from events.models import Event

SEARCH_SOURCE = SearchSource(
    kind="event",
    label="Sự kiện",
    queryset=lambda: Event.objects.published(),
    date=lambda event: event.start_date,
    date_field="start_date",
    text=lambda event: " ".join(
        part for part in (event.location, event.themes, leading_text(event.description)) if part
    ),
)
