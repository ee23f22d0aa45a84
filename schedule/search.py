"""What site-wide search offers from the weekly schedule: the weeks, by their rows' content."""

from core.search import SearchSource
from schedule.models import WorkWeek

SEARCH_SOURCE = SearchSource(
    kind="schedule",
    label="Lịch công tác",
    queryset=lambda: WorkWeek.objects.published(),
    date=lambda week: week.starts_on,
    date_field="starts_on",
    text=lambda week: " ".join(part for part in (week.rows_text, week.note) if part),
)
