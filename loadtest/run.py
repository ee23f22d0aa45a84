"""Load test (issue #10): `make loadtest`, or `.venv/bin/python loadtest/run.py --help`.

1. A fresh SQLite database under loadtest/.data/ (or --database-url of an EMPTY PostgreSQL
   database), migrated, filled by `import_seeds` and `make_synthetic_content`.
2. gunicorn with the production settings (DEBUG off, deploy/gunicorn.conf.py) on a free port
   of 127.0.0.1 — nothing else is ever contacted.
3. --clients readers (keep-alive connections) request a weighted mix of public pages for
   --seconds while an editor thread writes, publishes and revises a post every second.
Prints requests, errors, throughput and latency; writes loadtest/results/<time>.json.
Exits 1 when any request failed or gunicorn logged an error.

With --nginx the readers go through nginx (the deploy's site file, loadtest/nginx.py) and
--servers 1,2 runs the load once per count of application servers (each its own gunicorn on its
own port, sharing the database and the cache) and prints the figures side by side.
"""

import argparse
import datetime
import json
import os
import platform
import random
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "loadtest"
DATA = HERE / ".data"
HOST = "127.0.0.1"

sys.path.insert(0, str(ROOT))
from bench.run import fresh_database  # noqa: E402
from loadtest import nginx  # noqa: E402
from loadtest.compare import side_by_side  # noqa: E402
from loadtest.memory import MemorySampler, merged_report  # noqa: E402
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
    parser.add_argument(
        "--servers",
        type=server_counts,
        default=[1],
        help="application servers, one run per count: 1,2 prints them side by side (needs --nginx)",
    )
    parser.add_argument(
        "--nginx", action="store_true", help="readers go through nginx (deploy/nginx/dvsite.conf)"
    )
    parser.add_argument(
        "--no-nginx-cache",
        action="store_true",
        help="leave out nginx's 10-second micro-cache (on in the deploy, and by default)",
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients and --seconds must be positive")
    if max(args.servers) > 1 and not args.nginx:
        parser.error("several application servers need --nginx in front of them")
    if args.no_nginx_cache and not args.nginx:
        parser.error("--no-nginx-cache needs --nginx")
    return args


def server_counts(text):
    """ "1,2" -> [1, 2]: how many application servers each run has."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not counts or min(counts) < 1 or max(counts) > 8:
        raise argparse.ArgumentTypeError("each count of servers is between 1 and 8")
    return counts


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
        # nginx (--nginx) is the one proxy in front of gunicorn, as in the deploy.
        DJANGO_TRUSTED_PROXY_COUNT="1" if args.nginx else "0",
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
    if args.reuse and filled():
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


def filled():
    """Whether the database has published posts already (--reuse of a filled database)."""
    answer = manage(
        "shell", "-c", "from news.models import Post; print(Post.objects.published().exists())",
        check=False,
    )  # fmt: skip
    return answer.returncode == 0 and answer.stdout.decode().strip().endswith("True")


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


def deploy_setting(name):
    """A value of the gunicorn configuration the servers run with (loadtest/gunicorn.conf.py)."""
    before = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = before or "unused"  # no folder made for reading
    try:
        return runpy.run_path(str(HERE / "gunicorn.conf.py"))[name]
    finally:
        if before is None:
            del os.environ["PROMETHEUS_MULTIPROC_DIR"]


def run_load(args, pool, port, also=()):
    from loadtest.editor import Editor
    from loadtest.workload import Reader, Tally

    random.seed(0)
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.seconds
    readers = [Reader(n, HOST, port, pool, deadline, tally) for n in range(args.clients)]
    editor = Editor(HOST, port, pool, deadline, interval=args.editor_interval, also=also)
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


def report(args, phase, tally, editor, elapsed, stuck, memory):
    from loadtest.workload import MIX, summary

    everything = [value for values in tally.latencies.values() for value in values]
    logged = [line for path in phase["logs"] for line in server_errors(path)]
    logged += phase["nginx_errors"]
    workers = args.workers or deploy_setting("workers")
    threads = args.threads or deploy_setting("threads")
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
                "per_server": f"{workers} × {threads}",
            },
            "servers": phase["servers"],
            "nginx": args.nginx,
            "nginx_micro_cache": args.nginx and not args.no_nginx_cache,
            "page_cache": not args.no_page_cache,
            "shared_cache": bool(args.redis_url),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "requests": len(everything),
        "errors": errors,
        "throughput_rps": round(len(everything) / elapsed, 1),
        "elapsed_s": round(elapsed, 1),
        "cpu_ms_per_request": {
            "gunicorn": _per_request(memory["cpu_s"], everything),
            "nginx": _per_request(phase.get("nginx_cpu_s"), everything),
        },
        "latency": summary(everything),
        "memory": memory,
        "by_page": {kind: summary(tally.latencies.get(kind, [])) for kind, _ in MIX},
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "answered_by": dict(tally.answered_by),
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
    servers = f"-{phase['servers']}srv" if args.nginx else ""
    path = HERE / "results" / f"{stamp}-{result['config']['database']}{servers}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print_table(result, path)
    return result


def _per_request(seconds, requests):
    return None if seconds is None or not requests else round(seconds * 1000 / len(requests), 1)


def print_table(result, path):
    latency = result["latency"]
    print(
        f"\n{result['config']['clients']} clients, {result['elapsed_s']} s: "
        f"{result['requests']} requests, {result['errors']} errors, "
        f"{result['throughput_rps']} req/s, p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms, "
        f"p99 {latency['p99_ms']} ms"
    )
    memory = result["memory"]
    print(
        f"memory: largest worker RSS {memory['worker_rss_max_mb']} MB; gunicorn in all "
        f"(PSS, master and workers) {memory['gunicorn_pss_total_max_mb']} MB at most"
    )
    print("answered by:", ", ".join(f"{k} {v}" for k, v in sorted(result["answered_by"].items())))
    cpu = result["cpu_ms_per_request"]
    print(
        f"CPU time per request: gunicorn {cpu['gunicorn']} ms"
        + (f", nginx {cpu['nginx']} ms" if cpu["nginx"] is not None else "")
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


def _stopped(number, frame):
    raise KeyboardInterrupt  # unwinds like Ctrl-C: every server started is stopped


def main(argv=None):
    args = parse_args(argv)
    # Ctrl-C, and SIGTERM (a CI timeout, `kill`), stop everything this run started; also when
    # started in the background, where a shell would have it ignore SIGINT.
    signal.signal(signal.SIGINT, _stopped)
    signal.signal(signal.SIGTERM, _stopped)
    binary = None
    if args.nginx:
        binary = nginx.nginx_binary()
        if binary is None:
            sys.exit("nginx is not installed (apt-get install nginx-light): --nginx needs it.")
    redis = start_redis(args) if args.redis else None
    try:
        return _main(args, binary)
    except KeyboardInterrupt:
        sys.exit("Interrupted: every server started was stopped.")
    finally:
        if redis is not None:
            stop(redis)


def _main(args, binary):
    configure_environment(args)
    prepare_database(args)
    pool = build_pool()
    results = []
    for count in args.servers:
        if args.redis and len(args.servers) > 1:
            empty_cache(args.redis_url)  # each run starts with a cold page cache
        results.append(run_phase(args, pool, count, binary))
    if args.nginx:
        cache = "off" if args.no_nginx_cache else "on, as deployed (10 s)"
        print(
            f"\n{args.clients} readers, {args.seconds:g} s, an editor every "
            f"{args.editor_interval:g} s, through nginx (micro-cache {cache}), the site's page "
            f"cache {'off' if args.no_page_cache else 'on'}, "
            f"{'Redis' if args.redis_url else 'local memory'}:\n"
        )
        print(side_by_side(results))
    return 1 if any(result["errors"] for result in results) else 0


def empty_cache(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def run_phase(args, pool, count, binary):
    """Start `count` gunicorn servers (and nginx in front of them), run the load, stop them all."""
    names = ["gunicorn.log"] if count == 1 and not binary else [
        f"gunicorn-{n + 1}.log" for n in range(count)
    ]  # fmt: skip
    phase = {"servers": count, "logs": [DATA / name for name in names], "nginx_errors": []}
    with ExitStack() as stack:
        servers, ports = [], []
        for path in phase["logs"]:
            log = stack.enter_context(path.open("w"))
            ports.append(free_port())
            servers.append(start_gunicorn(args, ports[-1], log))
            stack.callback(stop, servers[-1])
        samplers = [MemorySampler(server.pid) for server in servers]
        front, also, folder = ports[0], [], None
        if binary:
            folder = Path(tempfile.mkdtemp(prefix="dvsite-loadtest-nginx-"))
            stack.callback(shutil.rmtree, folder, ignore_errors=True)
            front, also = free_port(), ports
            config = nginx.write_config(
                folder,
                ports,
                port=front,
                static_root=DATA / "staticfiles",
                media_root=DATA / "media",
                micro_cache=not args.no_nginx_cache,
            )
            try:
                proxy = nginx.start(binary, config, front)
            except RuntimeError as problem:
                sys.exit(str(problem))
            stack.callback(stop, proxy)
            samplers.append(MemorySampler(proxy.pid))  # its CPU time; the last in the list
        where = f"nginx on http://{HOST}:{front} in front of " if binary else ""
        print(
            f"{where}gunicorn on {', '.join(f'http://{HOST}:{port}' for port in ports)}; "
            f"{args.clients} clients for {args.seconds:g} s …",
            flush=True,
        )
        for sampler in samplers:
            sampler.start()
        try:
            tally, editor, elapsed, stuck = run_load(args, pool, front, also)
        finally:
            for sampler in samplers:
                sampler.stop()
        if folder is not None:
            phase["nginx_errors"] = nginx.logged_errors(folder)
    if binary:
        phase["nginx_cpu_s"] = round(samplers.pop().cpu_used(), 2)
    memory = merged_report([sampler.report() for sampler in samplers])
    return report(args, phase, tally, editor, elapsed, stuck, memory)


if __name__ == "__main__":
    sys.exit(main())
