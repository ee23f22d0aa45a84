"""A gunicorn worker's memory after serving every public page many times (issue #31: under
150 MB RSS at a million posts).

    .venv/bin/python bench/worker_memory.py --database-url postgres://…/dvsite_scale_1m

Runs gunicorn as production does (deploy/gunicorn.conf.py: the app preloaded in the master,
frozen before the fork) with one sync worker, page cache off (every request renders), shared
fragments on, on an already filled database (bench/run.py fills one); requests each page of
bench/pages.py `--requests` times in turns and prints the worker's RSS and PSS
(loadtest/memory.py) after each turn and at the end.
"""

import argparse
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--turns", type=int, default=5, help="rounds over every page")
    return parser.parse_args()


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    from bench import run as bench_run

    bench_run.configure_environment(args)
    import django

    django.setup()
    from bench import http_client
    from bench import pages as bench_pages
    from loadtest.memory import children, memory_mb
    from tools import gunicorn_runner

    pages = [url for _name, kind, url in bench_pages.public_pages() if kind != "floor"]
    env = {**bench_run.os.environ, "DJANGO_PAGE_CACHE_SECONDS": "0"}
    options = [
        f"--config={bench_run.ROOT / 'deploy' / 'gunicorn.conf.py'}",
        "--workers=1",
        "--worker-class=sync",
        "--max-requests=0",  # the same worker from start to end
        "--access-logfile=/dev/null",
        "--log-level=warning",
    ]
    port = gunicorn_runner.free_port()
    server = gunicorn_runner.start_gunicorn(
        options, port=port, cwd=bench_run.ROOT, timeout=60, env=env
    )
    client = http_client.Client(port)
    per_turn = max(1, args.requests // args.turns)
    try:
        (worker,) = children(server.pid)
        print(f"start: worker RSS {memory_mb(worker)[0]:.1f} MB", flush=True)
        for turn in range(args.turns):
            for url in pages:
                path = urllib.request.quote(url, safe="/?=&+%")
                for _ in range(per_turn):
                    client.get(path)
            rss, pss = memory_mb(worker)
            served = (turn + 1) * per_turn
            print(f"after {served} requests of each of {len(pages)} pages: "
                  f"worker RSS {rss:.1f} MB, PSS {pss:.1f} MB", flush=True)  # fmt: skip
    finally:
        client.close()
        gunicorn_runner.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
