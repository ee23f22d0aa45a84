"""What site-wide search offers from the registry: public documents only, never internal ones."""

from core.search import SearchSource
from docs_registry.filters import number_matches
from docs_registry.models import Document

SEARCH_SOURCE = SearchSource(
    kind="document",
    label="Văn bản",
    queryset=lambda: Document.objects.public(),
    related=("doc_type", "issuer"),
    date=lambda doc: doc.issue_date or doc.publish_at,
    date_field="publish_at",
    text=lambda doc: f"{doc.doc_type.name} {doc.number} của {doc.issuer.name}. {doc.title}",
    lookup=number_matches,  # "23/QĐ-TW", "NQ25": the registry box's reading of numbers
)
