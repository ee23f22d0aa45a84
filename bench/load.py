"""A small HTTP/1.1 keep-alive load generator (asyncio): N connections, each sending one request
after another for a fixed time. Bounded in time and aimed only at 127.0.0.1."""

import asyncio
import time

from bench.http_client import median_and_p95

LOOPBACK = ("127.0.0.1", "localhost")
REQUESTS_PER_CONNECTION = 50


async def _connection(host, port, path, deadline, latencies, failures, misses):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: dvsite-bench\r\n\r\n"
    ).encode()
    reader = writer = None
    sent = 0
    while time.perf_counter() < deadline:
        if writer is None:
            reader, writer = await asyncio.open_connection(host, port)
            sent = 0
        started = time.perf_counter()
        writer.write(request)
        status = await reader.readline()
        length, close = 0, False
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
            elif name == "x-page-cache" and value.strip() == "miss":
                misses.append(1)
        await reader.readexactly(length)
        latencies.append(time.perf_counter() - started)
        if not status.startswith(b"HTTP/1.1 200"):
            failures.append(status.decode("latin-1").strip())
        sent += 1
        # A new connection now and then: gunicorn hands each one to whichever worker accepts
        # it first, and connections held for the whole run could all land on one worker.
        if close or not status or sent >= REQUESTS_PER_CONNECTION:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _run(host, port, path, seconds, connections):
    latencies, failures, misses = [], [], []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _connection(host, port, path, deadline, latencies, failures, misses)
            for _ in range(connections)
        )
    )
    elapsed = time.perf_counter() - started
    return latencies, failures, len(misses), elapsed


def load(port, path, seconds=5.0, connections=16, host="127.0.0.1"):
    """{"rps", "p95_ms", "median_ms", "requests", "errors", "cache_misses"} for `seconds` of load
    on `path` (cache_misses: responses the page cache rendered instead of serving)."""
    if host not in LOOPBACK:
        raise ValueError("The benchmark only sends load to this machine (127.0.0.1).")
    latencies, failures, misses, elapsed = asyncio.run(_run(host, port, path, seconds, connections))
    if not latencies:
        return {"rps": 0.0, "p95_ms": None, "median_ms": None, "requests": 0, "errors": 0}
    median, p95 = median_and_p95([latency * 1000 for latency in latencies])
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "median_ms": median,
        "p95_ms": p95,
        "requests": len(latencies),
        "errors": len(failures),
        "cache_misses": misses,
    }
