"""What site-wide search offers from the catalogue: published models."""

from core.search import SearchSource, leading_text
from practices.models import Practice

SEARCH_SOURCE = SearchSource(
    kind="practice",
    label="Mô hình Dân vận khéo",
    queryset=lambda: Practice.objects.published(),
    related=("unit",),
    date=lambda practice: practice.publish_at,
    date_field="publish_at",
    text=lambda practice: " ".join(
        part
        for part in (
            practice.unit.label if practice.unit_id else "",
            leading_text(practice.summary),
        )
        if part
    ),
)
