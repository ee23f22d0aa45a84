"""The registry's facets are counted once per generation of the documents for the public
(docs_registry/views.py), never for who may read internal records, and a change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory

pytestmark = pytest.mark.django_db
REGISTRY = reverse("docs_registry:list")


def _facet_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    facet_sql = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"].upper()]
    return response, len(facet_sql), len(queries.captured_queries)


@pytest.mark.parametrize("n", [3, 25])
def test_facets_are_counted_once_per_generation_whatever_the_size(client, fragment_caching, n):
    decision = DocumentTypeFactory(name="Quyết định", abbreviation="QĐ")
    DocumentFactory.create_batch(n, doc_type=decision)
    url = f"{REGISTRY}?type={decision.slug}"
    _, first_facets, first_total = _facet_queries(client, url)
    response, again_facets, again_total = _facet_queries(client, url)
    assert first_facets == 4 and again_facets == 0
    # the same at 3 and 25 documents (the unit facet is one of the first counts)
    assert again_total == 2 and first_total == 8
    groups = {name: options for name, _title, options in response.context["facet_groups"]}
    chosen = [(o.label, o.count) for o in groups["type"] if o.selected]
    assert chosen == [("Quyết định", n)]
    # Odd filters are answered from their own entry, never a 500.
    for odd in ("?type=khong-co", "?year=abc", "?issuer=%00", "?validity=" + "x" * 300):
        assert client.get(REGISTRY + odd).status_code == 200


def test_a_new_document_is_counted_at_once(client, fragment_caching):
    DocumentFactory.create_batch(2)
    client.get(REGISTRY)
    before = client.get(REGISTRY).context["paginator"].count
    DocumentFactory()
    assert client.get(REGISTRY).context["paginator"].count == before + 1


def test_who_reads_internal_records_gets_their_own_counts(client, fragment_caching, publisher):
    DocumentFactory.create_batch(2)
    DocumentFactory(is_internal=True)
    assert client.get(REGISTRY).context["paginator"].count == 2
    client.force_login(publisher)
    assert client.get(REGISTRY).context["paginator"].count == 3
    client.logout()
    assert client.get(REGISTRY).context["paginator"].count == 2
