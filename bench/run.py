"""The benchmark of issue #9: `make bench` (or `.venv/bin/python bench/run.py --help`).

1. A fresh database (SQLite file under bench/, or --database-url postgres://…), migrated and
   filled by `make_synthetic_content`.
2. Every public page in-process through Django's test client, page cache off: queries per
   request, median and p95 server time.
3. Through gunicorn (one sync worker, page cache off, production settings and access log), one
   request at a time from a real HTTP client (bench/http_client.py): median and p95 per page, the
   "through gunicorn" column, and in a second pass the per-middleware profile (bench/stage_timing.py)
   naming where the time between in-process and through gunicorn goes.
4. gunicorn on 127.0.0.1 (production settings, DEBUG off): throughput and p95 latency of the
   cached anonymous pages under concurrent load, and of a static file of similar size served by
   WhiteNoise from the same gunicorn, the ceiling.
Prints a table and writes bench/results/<time>-<database>.json.
"""

import argparse
import json
import os
import shutil
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{BENCH / 'bench.sqlite3'}")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--practices", type=int, default=20_000, help="Dân vận khéo models")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--seconds", type=float, default=4.0, help="load per page (gunicorn)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    parser.add_argument("--no-load", action="store_true", help="skip the cached-load part")
    parser.add_argument(
        "--no-gunicorn", action="store_true", help="skip the through-gunicorn column and profile"
    )
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    parser.add_argument("--explain", action="store_true", help="print query plans (PostgreSQL)")
    return parser.parse_args()


def configure_environment(args):
    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(BENCH / ".staticfiles"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    os.environ.pop("DATABASE_REPLICA_URL", None)
    sys.path.insert(0, str(ROOT))


def fresh_database(url):
    """Delete the SQLite file, or drop and create the PostgreSQL database."""
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def fill(args):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    call_command(
        "make_synthetic_content",
        posts=args.posts,
        documents=args.documents,
        events=args.events,
        practices=args.practices,
        seed=args.seed,
        force=True,
        verbosity=2 if args.posts > 20_000 else 0,  # a line per round of 20,000 posts
    )
    filled = time.perf_counter()
    # The state autovacuum keeps a live PostgreSQL site in: planner statistics, and a visibility
    # map so index-only scans (counts) skip the table; right after a bulk load there is neither.
    # SQLite is measured as Django leaves it: without statistics.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    return {
        "migrate_s": round(migrated - started, 1),
        "fill_s": round(filled - migrated, 1),
        "analyze_s": round(time.perf_counter() - filled, 1),
    }


# -- gunicorn ---------------------------------------------------------------------------------


def start_gunicorn(args):
    from tools import gunicorn_runner  # noqa: PLC0415 (ROOT is on sys.path only from here)

    args.port = args.port or gunicorn_runner.free_port()
    options = [
        f"--workers={args.workers}",
        "--worker-class=gthread",
        f"--threads={args.threads}",
        "--log-level=warning",
    ]
    return gunicorn_runner.start_gunicorn(options, port=args.port, cwd=ROOT, timeout=30)


def through_gunicorn(args, pages):
    """{page name: {"median_ms", "p95_ms"}} then {page name: profile}, from two gunicorn runs
    with one sync worker: plain, then with the middleware stamps."""
    from bench import http_client
    from tools import gunicorn_runner  # noqa: PLC0415 (ROOT is on sys.path only from here)

    logs = BENCH / ".logs"
    logs.mkdir(exist_ok=True)
    passes = {}
    for profile in ("0", "1"):
        port = gunicorn_runner.free_port()
        env = {**os.environ, "BENCH_PROFILE": profile, "DJANGO_PAGE_CACHE_SECONDS": "0"}
        options = [
            f"--config={ROOT / 'deploy' / 'gunicorn.conf.py'}",
            "--workers=1",
            "--worker-class=sync",
            f"--access-logfile={logs / 'access.log'}",
            "--log-level=warning",
        ]
        server = gunicorn_runner.start_gunicorn(options, port=port, cwd=ROOT, timeout=60, env=env)
        client = http_client.Client(port)
        try:
            passes[profile] = {
                name: http_client.measure(
                    client, urllib.request.quote(url, safe="/?=&+%"), requests=args.requests
                )
                for name, _kind, url in pages
            }
        finally:
            client.close()
            stop(server)
    return passes["0"], {name: r.get("profile", {}) for name, r in passes["1"].items()}


def print_profiles(rows):
    """Per page: the in-process time, through gunicorn, and the five largest parts of it."""
    print("\nWhere the time through gunicorn goes (median ms per part, profiling pass):")
    for row in rows:
        profile = row.get("profile")
        if not profile:
            continue
        parts = sorted(
            ((name, ms) for name, ms in profile.items() if name not in ("django", "cpu")),
            key=lambda item: -item[1],
        )
        named = ", ".join(f"{name} {ms:.2f}" for name, ms in parts[:6])
        print(
            f"  {row['name'][:25]:<26}django {profile.get('django', 0):.2f} "
            f"(cpu {profile.get('cpu', 0):.2f}, in-process cpu {row['cpu_ms']:.2f}) | {named}"
        )


def stop(server):
    from tools import gunicorn_runner  # noqa: PLC0415

    gunicorn_runner.stop(server, timeout=15)


def write_ceiling(size):
    """A static file as large as a typical page, served by WhiteNoise at /ceiling.html."""
    folder = BENCH / ".ceiling"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    text = "<!doctype html><title>ceiling</title>" + "<p>Dân vận khéo.</p>\n" * (size // 24)
    (folder / "ceiling.html").write_text(text, "utf-8")
    return "/ceiling.html"


def load_results(args, pages, page_size):
    from bench.load import load

    ceiling_path = write_ceiling(page_size)
    server = start_gunicorn(args)
    results = {}
    try:
        for name, _kind, url in [*pages, ("static file (ceiling)", "static", ceiling_path)]:
            path = urllib.request.quote(url, safe="/?=&+%")
            load(args.port, path, seconds=0.5, connections=args.workers * 2)  # warm every worker
            results[name] = load(
                args.port, path, seconds=args.seconds, connections=args.connections
            )
    finally:
        stop(server)
    return results


# -- report -----------------------------------------------------------------------------------


def print_table(rows, ceiling):
    floor = next((row["median_ms"] for row in rows if row["kind"] == "floor"), None)
    header = (
        f"{'page':<26}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>8}{'x floor':>9}"
        f"{'after pub.':>11}{'target':>8}{'gunicorn':>10}{'g. p95':>8}"
        f"{'req/s cached':>14}{'p95 ms':>9}{'% ceiling':>11}{'errors':>8}{'misses':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        loaded = row.get("load") or {}
        through = row.get("gunicorn") or {}
        rps = loaded.get("rps")
        share = f"{100 * rps / ceiling:.0f}%" if rps and ceiling else ""
        print(
            f"{row['name'][:25]:<26}{row['queries']:>8}{row['median_ms']:>11.1f}"
            f"{row['p95_ms']:>9.1f}{row['cpu_ms']:>8.1f}{_ratio(row['median_ms'], floor):>9}"
            f"{row.get('after_publication_ms', ''):>11}"
            f"{'ok' if row['meets_targets'] else 'MISS':>8}"
            f"{through.get('median_ms', ''):>10}{through.get('p95_ms', ''):>8}"
            f"{rps or '':>14}{loaded.get('p95_ms') or '':>9}{share:>11}{loaded.get('errors', ''):>8}"
            f"{loaded.get('cache_misses', ''):>8}"
        )


def _ratio(value, floor):
    return f"{value / floor:.1f}" if floor else ""


def main():
    args = parse_args()
    configure_environment(args)
    if not args.reuse:
        fresh_database(args.database_url)
    import django

    django.setup()
    from django.db import connection

    from bench import pages as bench_pages

    report = {"database": connection.vendor, "sizes": vars(args).copy()}
    if not args.reuse:
        report["setup"] = fill(args)
        print(f"Database ready: {report['setup']}", flush=True)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # hashed names, DEBUG off
    rows = []
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    for name, kind, url in bench_pages.public_pages():
        if only and name not in only and kind != "floor":
            continue
        result = bench_pages.measure(url, requests=args.requests)
        result.update(name=name, kind=kind, url=url)
        result["meets_targets"] = bench_pages.meets_targets(kind, result)
        if kind != "floor":
            result["after_publication_ms"] = bench_pages.measure_after_publication(url)
        if args.explain and connection.vendor == "postgresql":
            print(f"\n=== {name}: {url}")
            for plan in bench_pages.explain(result["sql"]):
                print(plan, end="\n\n")
        rows.append(result)
    if not args.no_gunicorn:
        timings, profiles = through_gunicorn(args, [(r["name"], r["kind"], r["url"]) for r in rows])
        for row in rows:
            row["gunicorn"], row["profile"] = timings[row["name"]], profiles[row["name"]]
    ceiling = None
    if not args.no_load:
        # The static file weighs what the news list weighs, or the largest page measured
        # when --only leaves the news list out.
        sizes = [row["bytes"] for row in rows if row["name"] == "news list"]
        page_size = max(sizes or [row["bytes"] for row in rows])
        loaded = load_results(args, [(r["name"], r["kind"], r["url"]) for r in rows], page_size)
        ceiling = loaded.pop("static file (ceiling)")
        for row in rows:
            row["load"] = loaded[row["name"]]
        report["ceiling"] = ceiling
    report["pages"] = rows
    print()
    print_table(rows, ceiling and ceiling["rps"])
    if ceiling:
        print(
            f"{'static file (ceiling)':<26}{'':>82}{ceiling['rps']:>14}{ceiling['p95_ms']:>9}"
            f"{'':>11}{ceiling['errors']:>8}"
        )
    print_profiles(rows)
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    out = results / f"{time.strftime('%Y%m%d-%H%M%S')}-{connection.vendor}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), "utf-8")
    print(f"\nWrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
