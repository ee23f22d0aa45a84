"""Where a request's time goes between the client and the view: a per-middleware profile.

`interleave(MIDDLEWARE)` puts a stamp before every middleware and one before the view; each
stamp notes when the request passes it inwards and the response outwards, so the time of
middleware i alone is (in[i+1] - in[i]) + (out[i] - out[i+1]), or out[i] - in[i] when it answered
itself (a cache hit). The outermost stamp sends them in a `Server-Timing` header (the standard
one browsers show) with the worker's CPU time of the request (less sensitive than wall time to
other programs on a shared machine), which `bench/http_client.py` reads; what the client measured beyond their sum
is outside Django's middleware: gunicorn, the WSGI handler, the socket and the client.
bench/settings.py switches it on when BENCH_PROFILE=1 (the benchmark's profiling pass only).

With BENCH_CPROFILE=<file> as well, the outermost stamp runs every request under cProfile and
writes the sum so far to <file>.<pid> after each one (read it with `python -m pstats`): what the
view does inside a gunicorn worker, to set beside the same page in-process. That is how the
worker's SQLite connection per request was found (README "Through gunicorn").
"""

import cProfile
import os
import time

CPROFILE_FILE = os.environ.get("BENCH_CPROFILE", "")
_profiler = cProfile.Profile() if CPROFILE_FILE else None

MAX_STAMPS = 40


class _Stamp:
    index = 0
    names = ()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        marks = request.__dict__.setdefault("bench_marks", {})
        if self.index == 0:
            if _profiler is not None:
                _profiler.enable()
            marks["cpu"] = time.process_time()
        marks[("in", self.index)] = time.perf_counter()
        response = self.get_response(request)
        marks[("out", self.index)] = time.perf_counter()
        if self.index == 0:
            marks["cpu"] = time.process_time() - marks["cpu"]
            if _profiler is not None:
                _profiler.disable()
                _profiler.dump_stats(f"{CPROFILE_FILE}.{os.getpid()}")
            response["Server-Timing"] = server_timing(marks, self.names)
        return response


def durations(marks, names):
    """[(name, ms)] of each middleware alone, then the view (with its template rendering)."""
    result = []
    for index, name in enumerate(names):
        inner_in, inner_out = marks.get(("in", index + 1)), marks.get(("out", index + 1))
        spent = marks[("out", index)] - marks[("in", index)]
        if inner_in is not None and inner_out is not None:
            spent -= inner_out - inner_in
        result.append((name, spent * 1000))
    return result


def server_timing(marks, names):
    parts = [
        f'm{i};dur={ms:.3f};desc="{name}"' for i, (name, ms) in enumerate(durations(marks, names))
    ]
    total = (marks[("out", 0)] - marks[("in", 0)]) * 1000
    cpu = marks["cpu"] * 1000
    return ", ".join(
        [*parts, f'total;dur={total:.3f};desc="django"', f'cpu;dur={cpu:.3f};desc="cpu"']
    )


def interleave(middleware):
    """MIDDLEWARE with a stamp before each entry and before the view."""
    names = tuple(path.rsplit(".", 1)[1] for path in middleware) + ("view",)
    if len(names) > MAX_STAMPS:
        raise ValueError("too many middleware for the profile")
    result = []
    for index, path in enumerate([*middleware, None]):
        globals()[f"Stamp{index}"] = type(
            f"Stamp{index}", (_Stamp,), {"index": index, "names": names}
        )
        result.append(f"bench.stage_timing.Stamp{index}")
        if path is not None:
            result.append(path)
    return result


def parse_server_timing(header):
    """{name: ms} from our Server-Timing header (desc names the middleware)."""
    timings = {}
    for part in header.split(","):
        fields = dict(field.strip().split("=", 1) for field in part.split(";")[1:] if "=" in field)
        if "dur" in fields:
            timings[fields.get("desc", "").strip('"')] = float(fields["dur"])
    return timings
