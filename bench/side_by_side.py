"""Two sites side by side: the same kinds of page requested alternately from both (issue #31).

    .venv/bin/python bench/side_by_side.py --a http://127.0.0.1:8001 --b http://127.0.0.1:8002 \
        --page "home=/,/" --page "article=/tin-tuc/a/|/tin-tuc/b/,/blog/x/|/blog/y/" --requests 30

Each `--page` is `name=<A paths>,<B paths>`; a side's paths separated by `|` are taken in turn
(a different article each request, as readers do). Requests alternate A/B/B/A so that whatever
else the machine does falls on both sites alike; each site gets `--requests` timed requests per
page after `--warm` untimed ones, over one keep-alive connection per site, each request a new
reader (bench/http_client.py). Prints per page and site the p50 and p95 in ms and the ratio
B ÷ A of the medians (above 1: A is faster). Only 127.0.0.1 / localhost are accepted."""

import argparse
import itertools
import sys
import urllib.parse
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the project root on the path instead of
    # bench/, so that the `bench.` imports below resolve as they do under `python -m`
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.http_client import LOOPBACK, Client, median_and_p95  # noqa: E402


def parse_base(url):
    """(host, port) of a base URL on this machine; ValueError for anything else."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK or parts.port is None:
        raise ValueError(f"{url}: only http://127.0.0.1:<port> (this machine) is measured")
    return parts.hostname, parts.port


def parse_page(spec):
    """`name=/a|/a2,/b` -> (name, [A paths], [B paths])."""
    name, sep, paths = spec.partition("=")
    a_paths, comma, b_paths = paths.partition(",")
    if not (sep and comma and name.strip()):
        raise ValueError(f"{spec!r}: expected name=<A paths>,<B paths>")
    sides = [[p.strip() for p in side.split("|") if p.strip()] for side in (a_paths, b_paths)]
    if not all(sides) or not all(p.startswith("/") for side in sides for p in side):
        raise ValueError(f"{spec!r}: every path starts with /")
    return name.strip(), sides[0], sides[1]


def alternation(requests):
    """The order of the sites' requests: A B, B A, A B, ... (`requests` of each)."""
    order = []
    for i in range(requests):
        order.extend(("A", "B") if i % 2 == 0 else ("B", "A"))
    return order


def percentiles(times):
    p50, p95 = median_and_p95(times)
    return {"p50": p50, "p95": p95}


def ratio_rows(results):
    """[(page, A p50, A p95, B p50, B p95, B÷A of the medians)] from {page: {"A": [ms], "B": [ms]}}."""
    rows = []
    for page, sides in results.items():
        a, b = percentiles(sides["A"]), percentiles(sides["B"])
        ratio = round(b["p50"] / a["p50"], 1) if a["p50"] else float("inf")
        rows.append((page, a["p50"], a["p95"], b["p50"], b["p95"], ratio))
    return rows


def run(clients, pages, requests, warm):
    """{page: {"A": [ms], "B": [ms]}}; a page that does not answer 200 stops the run."""
    results = {}
    for name, a_paths, b_paths in pages:
        paths = {"A": itertools.cycle(a_paths), "B": itertools.cycle(b_paths)}
        times = {"A": [], "B": []}
        for index, side in enumerate(alternation(warm + requests)):
            path = next(paths[side])
            status, elapsed, _timing, _size = clients[side].get(path)
            if status != 200:
                raise RuntimeError(f"{side} {path} answered {status}")
            if index >= 2 * warm:
                times[side].append(elapsed)
        results[name] = times
    return results


def print_table(rows, names):
    a, b = names
    print(f"{'page':<14}{a + ' p50':>12}{a + ' p95':>12}{b + ' p50':>12}{b + ' p95':>12}  ratio")
    for page, a50, a95, b50, b95, ratio in rows:
        print(f"{page:<14}{a50:>12.1f}{a95:>12.1f}{b50:>12.1f}{b95:>12.1f}  {ratio:.1f}×")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--a", required=True, help="base URL of site A (http://127.0.0.1:PORT)")
    parser.add_argument("--b", required=True, help="base URL of site B")
    parser.add_argument("--names", default="A,B", help="the sites' names in the table")
    parser.add_argument("--page", action="append", required=True, help="name=<A>,<B> (repeat)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page per site")
    parser.add_argument("--warm", type=int, default=3, help="untimed requests first")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole run")
    args = parser.parse_args(argv)
    pages = [parse_page(spec) for spec in args.page]
    clients = {
        side: Client(port, host=host)
        for side, (host, port) in (("A", parse_base(args.a)), ("B", parse_base(args.b)))
    }
    names = tuple(args.names.split(",", 1)) if "," in args.names else ("A", "B")
    try:
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}: {args.requests} requests per page per site, A/B/B/A")
            rows = ratio_rows(run(clients, pages, args.requests, args.warm))
            print_table(rows, names)
    finally:
        for client in clients.values():
            client.close()


if __name__ == "__main__":
    main()
