"""/metrics: request counts and latency per view, the page cache's hits, the task queue; only for
the allowed addresses, never cached, and cheap on the request path."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from dvsite import metrics
from news.tests.factories import PostFactory


def _scrape(client, **extra):
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", **extra)
    assert response.status_code == 200
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return response, samples


def _value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


@pytest.mark.django_db
def test_requests_and_latency_are_counted_per_view(client):
    post = PostFactory(published=True)
    _, before = _scrape(client)
    for _ in range(3):
        client.get(post.get_absolute_url())
    client.get("/khong-co-trang-nay/")
    _, after = _scrape(client)
    view = {"view": "news:detail", "method": "GET", "status": "2xx"}
    assert (
        _value(after, "dvsite_http_requests_total", **view)
        - _value(before, "dvsite_http_requests_total", **view)
        == 3
    )
    count = "dvsite_http_request_duration_seconds_count"
    assert _value(after, count, view="news:detail") - _value(before, count, view="news:detail") == 3
    assert _value(
        after, "dvsite_http_requests_total", view="unresolved", method="GET", status="4xx"
    ) > _value(before, "dvsite_http_requests_total", view="unresolved", method="GET", status="4xx")


@pytest.mark.django_db
def test_page_cache_hits_and_misses(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    post = PostFactory(published=True)
    _, before = _scrape(client)
    client.get(post.get_absolute_url())
    client.get(post.get_absolute_url())
    client.get(post.get_absolute_url())
    _, after = _scrape(client)
    name = "dvsite_page_cache_requests_total"
    assert _value(after, name, result="miss") - _value(before, name, result="miss") == 1
    assert _value(after, name, result="hit") - _value(before, name, result="hit") == 2


@pytest.mark.django_db
def test_the_task_queue_length_and_failures(client):
    for status in ("READY", "READY", "FAILED", "SUCCESSFUL"):
        DBTaskResult.objects.create(
            task_path="accounts.idle.disable_idle_accounts_daily",
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            queue_name="default",
            backend_name="default",
            priority=0,
            run_after="9999-01-01T00:00:00Z",
        )
    _, samples = _scrape(client)
    assert _value(samples, "dvsite_tasks_queued") == 2
    assert _value(samples, "dvsite_tasks_failed_total") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["203.0.113.7", "10.0.0.1", "", "not-an-ip"])
def test_other_addresses_get_404(client, address):
    response = client.get("/metrics", REMOTE_ADDR=address)
    assert response.status_code == 404
    assert b"dvsite_" not in response.content


@pytest.mark.django_db
def test_the_allowed_addresses_are_a_setting_with_networks(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.20.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_open_it(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 404


@pytest.mark.django_db
def test_never_cached_and_odd_requests_are_no_error(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first, _ = _scrape(client)
    second, _ = _scrape(client)
    assert "no-cache" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second
    # A refusal is never stored for the allowed address either.
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.post("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 405
    assert client.post("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 404
    assert client.get("/metrics?x=%00&name[]=1", REMOTE_ADDR="127.0.0.1").status_code == 200


def test_the_middleware_costs_microseconds_per_request():
    """In-process overhead: the same trivial view with and without the middleware."""
    request = RequestFactory().get("/tin-tuc/bai/")
    answer = HttpResponse("ok")

    def view(_request):
        return answer

    wrapped = metrics.MetricsMiddleware(view)
    rounds = 5000
    best = None
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            wrapped(request)
        with_mw = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(rounds):
            view(request)
        without = time.perf_counter() - started
        per_request = (with_mw - without) / rounds
        best = per_request if best is None else min(best, per_request)
    print(f"metrics middleware: {best * 1e6:.1f} µs per request")
    assert best < 0.0005  # well under half a millisecond, on a busy 2-core machine
