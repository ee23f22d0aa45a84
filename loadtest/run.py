"""Load test (issue #10): `make loadtest`, or `.venv/bin/python loadtest/run.py --help`.

1. A fresh SQLite database under loadtest/.data/ (or --database-url of an EMPTY PostgreSQL
   database), migrated, filled by `import_seeds` and `make_synthetic_content`.
2. gunicorn with the production settings (DEBUG off, deploy/gunicorn.conf.py) on a free port
   of 127.0.0.1 — nothing else is ever contacted.
3. --clients readers (keep-alive connections) request a weighted mix of public pages for
   --seconds while an editor thread writes, publishes and revises a post every second.
Prints requests, errors, throughput and latency; writes loadtest/results/<time>.json.
Exits 1 when any request failed or gunicorn logged an error.
"""

import argparse
import datetime
import json
import os
import platform
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "loadtest"
DATA = HERE / ".data"
HOST = "127.0.0.1"

sys.path.insert(0, str(ROOT))
from bench.run import fresh_database  # noqa: E402
from loadtest.memory import MemorySampler  # noqa: E402
from tools import gunicorn_runner  # noqa: E402 (needs ROOT on sys.path)
from tools.gunicorn_runner import free_port  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent readers")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of the load")
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--database-url", default=f"sqlite:///{DATA / 'load.sqlite3'}")
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the deploy conf)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: the deploy conf)")
    parser.add_argument("--editor-interval", type=float, default=1.0, help="seconds per edit")
    parser.add_argument("--redis-url", default="", help="shared cache (default: local memory)")
    parser.add_argument(
        "--redis",
        action="store_true",
        help="start a private redis-server on 127.0.0.1 as the cache",
    )
    parser.add_argument("--no-page-cache", action="store_true", help="measure uncached pages")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients and --seconds must be positive")
    return args


def start_redis(args):
    """A throw-away redis-server on a free port of 127.0.0.1, without persistence."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        ["redis-server", "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # stopped like gunicorn, by its own process group
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # bounded wait
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            args.redis_url = f"redis://{HOST}:{port}/0"
            return server
        except OSError:
            time.sleep(0.1)
    stop(server)
    sys.exit("redis-server did not start")


def configure_environment(args):
    DATA.mkdir(exist_ok=True)
    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="dvsite.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "loadtest-only-" + "k" * 40),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(DATA / "staticfiles"),
        DJANGO_MEDIA_ROOT=str(DATA / "media"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_LOG_LEVEL="ERROR",
        REDIS_URL=args.redis_url,
        GUNICORN_LOG_LEVEL="warning",
    )
    if args.no_page_cache:
        os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    os.environ.pop("DATABASE_REPLICA_URL", None)
    sys.path.insert(0, str(ROOT))


def manage(*arguments, check=True):
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    return subprocess.run(command, cwd=ROOT, check=check, capture_output=not check)  # noqa: S603


def prepare_database(args):
    if args.database_url.startswith("sqlite:///") and not args.reuse:
        path = Path(args.database_url.removeprefix("sqlite:///"))
        if path.resolve().parent != DATA.resolve():
            sys.exit(f"Refusing to delete {path}: only databases under {DATA} are recreated.")
    if not args.reuse:
        # As `make bench`: the SQLite file is deleted, the PostgreSQL database dropped and
        # created again (never point --database-url at a database you want to keep).
        fresh_database(args.database_url)
    print("Preparing the database …", flush=True)
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    if args.reuse:
        return
    manage("import_seeds")
    if manage("help", "make_synthetic_content", check=False).returncode == 0:
        manage(
            "make_synthetic_content",
            f"--posts={args.posts}",
            f"--documents={args.documents}",
            f"--events={args.events}",
            "--force",  # DEBUG is off, as in production; the database is our own
        )
    else:
        print("make_synthetic_content is missing: only the seeds are loaded.", flush=True)


def build_pool():
    import django

    django.setup()
    from docs_registry.models import Document, DocumentType, Issuer, Validity
    from events.models import Event
    from loadtest.workload import Pool
    from news.models import Category, Post
    from taxonomy.models import Topic

    def slugs(queryset, limit=1000):
        return list(queryset.values_list("slug", flat=True)[:limit])

    events = Event.objects.published()
    public_documents = Document.objects.public()
    pool = Pool(
        posts=slugs(Post.objects.published().order_by("-publish_at")),
        categories=slugs(Category.objects.all()),
        topics=slugs(Topic.objects.filter(tagged_posts__isnull=False).distinct()),
        events=slugs(events),
        months=sorted({(d.year, d.month) for d in events.values_list("start_date", flat=True)}),
        documents=slugs(public_documents),
        years=sorted(
            set(public_documents.exclude(issue_year=0).values_list("issue_year", flat=True))
        ),
        doc_types=slugs(DocumentType.objects.all()),
        issuers=slugs(Issuer.objects.all()),
        validities=list(Validity.values),
    )
    empty = [name for name, value in vars(pool).items() if not value]
    if empty:
        sys.exit(f"Nothing to request for: {', '.join(empty)}")
    return pool


def start_gunicorn(args, port, log):
    options = ["--config", str(HERE / "gunicorn.conf.py")]
    if args.workers:
        options += ["--workers", str(args.workers)]
    if args.threads:
        options += ["--threads", str(args.threads)]
    try:
        return gunicorn_runner.start_gunicorn(options, port=port, cwd=ROOT, log=log)
    except RuntimeError as problem:
        sys.exit(f"{problem}; see {log.name}")


def stop(server):
    gunicorn_runner.stop(server)


def run_load(args, pool, port):
    from loadtest.editor import Editor
    from loadtest.workload import Reader, Tally

    random.seed(0)
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.seconds
    readers = [Reader(n, HOST, port, pool, deadline, tally) for n in range(args.clients)]
    editor = Editor(HOST, port, pool, deadline, interval=args.editor_interval)
    for thread in [*readers, editor]:
        thread.start()
    for thread in [*readers, editor]:
        thread.join(timeout=args.seconds + 120)
    elapsed = time.monotonic() - started
    stuck = [thread.name for thread in [*readers, editor] if thread.is_alive()]
    return tally, editor, elapsed, stuck


def server_errors(log_path):
    lines = log_path.read_text(errors="replace").splitlines()
    return [
        line for line in lines if "Traceback" in line or "[ERROR]" in line or "CRITICAL" in line
    ]


def report(args, tally, editor, elapsed, stuck, log_path, memory):
    from loadtest.workload import MIX, summary

    everything = [value for values in tally.latencies.values() for value in values]
    logged = server_errors(log_path)
    errors = len(tally.errors) + len(editor.errors) + len(stuck) + len(logged)
    result = {
        "when": datetime.datetime.now().isoformat(timespec="seconds"),
        "config": {
            "clients": args.clients,
            "seconds": args.seconds,
            "database": args.database_url.split(":")[0],
            "posts": args.posts,
            "gunicorn": {
                "workers": args.workers or "deploy conf",
                "threads": args.threads or "deploy conf",
            },
            "page_cache": not args.no_page_cache,
            "shared_cache": bool(args.redis_url),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "requests": len(everything),
        "errors": errors,
        "throughput_rps": round(len(everything) / elapsed, 1),
        "elapsed_s": round(elapsed, 1),
        "latency": summary(everything),
        "memory": memory,
        "by_page": {kind: summary(tally.latencies.get(kind, [])) for kind, _ in MIX},
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "reconnects": tally.retries,
        "editor": {
            "actions": editor.done,
            "published_visible_at_once": editor.visible,
            "listed_at_once": editor.listed,
            "seconds_per_action_max": round(max(editor.latencies, default=0), 3),
            "errors": editor.errors[:20],
        },
        "request_errors": [list(e) for e in tally.errors[:20]],
        "server_log_errors": logged[:20],
        "stuck_threads": stuck,
    }
    HERE.joinpath("results").mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = HERE / "results" / f"{stamp}-{result['config']['database']}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print_table(result, path)
    return result


def print_table(result, path):
    latency = result["latency"]
    print(
        f"\n{result['config']['clients']} clients, {result['elapsed_s']} s: "
        f"{result['requests']} requests, {result['errors']} errors, "
        f"{result['throughput_rps']} req/s, p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms"
    )
    memory = result["memory"]
    print(
        f"memory: largest worker RSS {memory['worker_rss_max_mb']} MB; gunicorn in all "
        f"(PSS, master and workers) {memory['gunicorn_pss_total_max_mb']} MB at most"
    )
    print(f"{'page':<12} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, row in result["by_page"].items():
        print(
            f"{kind:<12} {row['requests']:>9} {row['p50_ms']!s:>8} {row['p95_ms']!s:>8} {row['max_ms']!s:>8}"
        )
    editor = result["editor"]
    print(
        f"editor: {editor['actions']}, new posts answering 200 at once: "
        f"{editor['published_visible_at_once']}, in the news list at once: {editor['listed_at_once']}"
    )
    for line in result["request_errors"] + result["editor"]["errors"] + result["server_log_errors"]:
        print("  error:", line)
    print(f"written to {path.relative_to(ROOT)}")


def main(argv=None):
    args = parse_args(argv)
    redis = start_redis(args) if args.redis else None
    try:
        return _main(args)
    finally:
        if redis is not None:
            stop(redis)


def _main(args):
    configure_environment(args)
    prepare_database(args)
    pool = build_pool()
    port = free_port()
    log_path = DATA / "gunicorn.log"
    with log_path.open("w") as log:
        server = start_gunicorn(args, port, log)
        print(
            f"gunicorn on http://{HOST}:{port}; {args.clients} clients for {args.seconds:g} s …",
            flush=True,
        )
        sampler = MemorySampler(server.pid)
        sampler.start()
        try:
            tally, editor, elapsed, stuck = run_load(args, pool, port)
        finally:
            sampler.stop()
            stop(server)
    result = report(args, tally, editor, elapsed, stuck, log_path, sampler.report())
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
