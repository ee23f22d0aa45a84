"""Where a search page's time goes (issue #31): each query's CPU time and plan, and the page's.

    .venv/bin/python -m bench.search_queries "dân vận khéo" "tập huấn" --plans

Runs against the database `bench/run.py --reuse` keeps (or `--database-url`), in-process through
Django's test client with the page cache off: the page's median CPU and wall time over
`--requests` requests, then every query the page ran with its median CPU time over those
requests (the process's CPU: SQLite runs in it; PostgreSQL's own work is not counted) and, with
`--plans`, SQLite's `EXPLAIN QUERY PLAN` or PostgreSQL's `EXPLAIN`. CPU time is the steadier
figure on a shared machine; run it under `flock /work/measure.lock` there.
"""

import argparse
import collections
import statistics
import time
import urllib.parse

from bench.run import BENCH, configure_environment


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "queries", nargs="*", default=["dân vận khéo", "tập huấn", "quy chế dân chủ"]
    )
    parser.add_argument("--database-url", default=f"sqlite:///{BENCH / 'bench.sqlite3'}")
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--plans", action="store_true", help="print each query's plan")
    return parser.parse_args()


def _plan(connection, sql, params):
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return [row[3] if connection.vendor == "sqlite" else row[0] for row in rows]


def measure(client, connection, query, requests):
    url = reverse_search() + "?" + urllib.parse.urlencode({"q": query})
    client.get(url)  # warm: templates, the FTS tables' pages, the connection
    seen, cpu_by_query, page_cpu, page_wall = {}, collections.defaultdict(list), [], []

    def timed(execute, sql, params, many, context):
        started = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            cpu_by_query[sql].append((time.process_time() - started) * 1000)
            seen.setdefault(sql, params)

    with connection.execute_wrapper(timed):
        for _ in range(requests):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            page_wall.append((time.perf_counter() - wall) * 1000)
            page_cpu.append((time.process_time() - cpu) * 1000)
    assert response.status_code == 200, response.status_code
    return seen, cpu_by_query, statistics.median(page_cpu), statistics.median(page_wall)


def reverse_search():
    from django.urls import reverse  # noqa: PLC0415 (after django.setup())

    return reverse("search")


def main():
    args = parse_args()
    configure_environment(args)
    import os  # noqa: PLC0415

    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for query in args.queries:
        seen, cpu_by_query, cpu, wall = measure(client, connection, query, args.requests)
        per_query = {sql: statistics.median(times) for sql, times in cpu_by_query.items()}
        print(f"\n=== {query}: {len(seen)} queries, page CPU {cpu:.1f} ms (wall {wall:.1f}),")
        print(f"    queries' CPU {sum(per_query.values()):.1f} ms")
        for sql, params in seen.items():
            print(f"{per_query[sql]:8.2f} ms  {' '.join(sql.split())[:150]}")
            if args.plans:
                for line in _plan(connection, sql, params):
                    print(f"{'':14}{line}")


if __name__ == "__main__":
    main()
