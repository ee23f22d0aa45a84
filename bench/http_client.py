"""The "through gunicorn" column: each page requested one at a time by a real HTTP client
(http.client, keep-alive, a browser's headers, each request a new reader so the view count does
its first-view work), against gunicorn with one sync worker and the page cache off — the setup
of the side-by-side comparison with Wagtail (issue #31). Loopback only, bounded in requests."""

import http.client
import statistics
import time

from bench.stage_timing import parse_server_timing

LOOPBACK = ("127.0.0.1", "localhost")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 reader/{n}"
HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5",
    "Accept-Encoding": "gzip, deflate, br",
}


class Client:
    def __init__(self, port, host="127.0.0.1"):
        if host not in LOOPBACK:
            raise ValueError("The benchmark only sends requests to this machine (127.0.0.1).")
        self.host, self.port = host, port
        self.connection = None
        self.readers = 0

    def get(self, path):
        """(status, wall ms, {middleware: ms} from Server-Timing, body bytes)."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.readers += 1
        headers = {**HEADERS, "User-Agent": BROWSER.format(n=self.readers)}
        started = time.perf_counter()
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return (
            response.status,
            elapsed,
            parse_server_timing(response.getheader("Server-Timing") or ""),
            len(body),
        )

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def measure(client, path, requests=30, warm=3):
    """{"median_ms", "p95_ms", "profile": {name: median ms}} of `path` through the server."""
    for _ in range(warm):
        status = client.get(path)[0]
    if status != 200:
        raise RuntimeError(f"{path} answered {status} through gunicorn")
    times, profiles = [], []
    for _ in range(requests):
        _, elapsed, timing, _ = client.get(path)
        times.append(elapsed)
        profiles.append(timing)
    return summary(times, profiles)


def median_and_p95(times):
    """(median, p95) of `times`, rounded to 0.01: the one reading of timings in bench/."""
    ordered = sorted(times)
    return round(statistics.median(ordered), 2), round(ordered[int(0.95 * (len(ordered) - 1))], 2)


def summary(times, profiles):
    median, p95 = median_and_p95(times)
    result = {"median_ms": median, "p95_ms": p95}
    if profiles and profiles[0]:
        names = list(profiles[0])
        result["profile"] = {
            name: round(statistics.median(p.get(name, 0.0) for p in profiles), 3) for name in names
        }
        outside = [t - p.get("django", 0.0) for t, p in zip(times, profiles, strict=True)]
        result["profile"]["outside django"] = round(statistics.median(outside), 3)
    return result
