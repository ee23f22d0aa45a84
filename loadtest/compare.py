"""The load test's figures for one application server and for several, side by side (a Markdown
table, so it can go into the README as printed)."""


def _share(where):
    def share(result):
        answers = sum(result["answered_by"].values())
        return f"{100 * result['answered_by'].get(where, 0) / answers:.0f} %" if answers else "–"

    return share


def _published(result):
    return result["editor"]["actions"].get("publish_new", 0)


def _out_of(count, result):
    return f"{count}/{_published(result)}"


ROWS = [
    ("gunicorn workers × threads, each server", lambda r: r["config"]["gunicorn"]["per_server"]),
    ("requests", lambda r: r["requests"]),
    ("requests/s", lambda r: r["throughput_rps"]),
    ("p50 ms", lambda r: r["latency"]["p50_ms"]),
    ("p95 ms", lambda r: r["latency"]["p95_ms"]),
    ("p99 ms", lambda r: r["latency"]["p99_ms"]),
    ("errors", lambda r: r["errors"]),
    ("answered from nginx's micro-cache", _share("nginx")),
    ("answered from the site's page cache", _share("page cache")),
    ("rendered by a view", _share("rendered")),
    ("gunicorn CPU ms per request", lambda r: r["cpu_ms_per_request"]["gunicorn"]),
    ("nginx CPU ms per request", lambda r: r["cpu_ms_per_request"]["nginx"]),
    ("largest worker RSS MB", lambda r: r["memory"]["worker_rss_max_mb"]),
    ("publications", _published),
    ("new post answering 200 at once, everywhere", lambda r: _out_of(r["editor"]["published_visible_at_once"], r)),
    ("new post in the news list at once, everywhere", lambda r: _out_of(r["editor"]["listed_at_once"], r)),
]  # fmt: skip


def column_title(result):
    servers = result["config"]["servers"]
    return f"{servers} server" + ("s" if servers != 1 else "")


def side_by_side(results):
    """A Markdown table: one row per figure, one column per run (1 server, 2 servers …)."""
    header = ["", *(column_title(result) for result in results)]
    rows = [[label, *(str(value(result)) for result in results)] for label, value in ROWS]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = [cells[0].ljust(widths[0])]
        padded += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (widths[0] + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"  # fmt: skip
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
