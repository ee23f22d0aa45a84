"""The readers: a weighted mix of public pages, and the client threads that request them."""

import http.client
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

# (kind, weight): roughly what a provincial portal's visitors open.
MIX = [
    ("home", 14),
    ("news_list", 12),
    ("post", 24),
    ("category", 5),
    ("topic", 5),
    ("events_list", 5),
    ("calendar", 5),
    ("event", 5),
    ("registry", 10),
    ("document", 5),
    ("search", 10),
]
SEARCH_WORDS = [
    "dân vận khéo",
    "dan van kheo",
    "hội nghị trực tuyến",
    "quy chế dân chủ",
    "tập huấn",
    "Đảng bộ tỉnh",
    "23-QĐ/TW",
    "mặt trận tổ quốc",
]
REGISTRY_WORDS = ["dân vận", "quy chế", "nghị quyết", "23-QĐ/TW", "kế hoạch"]


@dataclass
class Pool:
    """Concrete values read from the database before the load starts."""

    posts: list
    categories: list
    topics: list
    events: list
    months: list  # (year, month)
    documents: list
    years: list
    doc_types: list
    issuers: list
    validities: list

    def url(self, kind, rng):
        pick = rng.choice
        if kind == "home":
            return "/"
        if kind == "news_list":
            page = rng.choice([1, 1, 1, 2, 3, 5, 10])
            return "/tin-tuc/" + (f"?page={page}" if page > 1 else "")
        if kind == "post":
            return f"/tin-tuc/{pick(self.posts)}/"
        if kind == "category":
            return f"/chuyen-muc/{pick(self.categories)}/"
        if kind == "topic":
            return f"/chu-de/{pick(self.topics)}/"
        if kind == "events_list":
            return "/su-kien/"
        if kind == "calendar":
            year, month = pick(self.months)
            return f"/su-kien/lich/{year}/{month}/"
        if kind == "event":
            return f"/su-kien/{pick(self.events)}/"
        if kind == "registry":
            return "/van-ban/?" + urlencode(self._registry_filters(rng))
        if kind == "document":
            return f"/van-ban/{pick(self.documents)}/"
        if kind == "search":
            return "/tim-kiem/?q=" + quote(pick(SEARCH_WORDS))
        raise ValueError(kind)

    def _registry_filters(self, rng):
        filters = {}
        if rng.random() < 0.5 and self.years:
            filters["year"] = rng.choice(self.years)
        if rng.random() < 0.4 and self.doc_types:
            filters["type"] = rng.choice(self.doc_types)
        if rng.random() < 0.3 and self.issuers:
            filters["issuer"] = rng.choice(self.issuers)
        if rng.random() < 0.3:
            filters["validity"] = rng.choice(self.validities)
        if rng.random() < 0.2:
            filters["q"] = rng.choice(REGISTRY_WORDS)
        return filters


@dataclass
class Tally:
    """What every client saw, merged under a lock at the end of each client."""

    latencies: dict = field(default_factory=lambda: defaultdict(list))  # kind -> [seconds]
    statuses: dict = field(default_factory=lambda: defaultdict(int))  # status -> count
    errors: list = field(default_factory=list)  # (kind, url, what)
    retries: int = 0
    answered_by: dict = field(default_factory=lambda: defaultdict(int))  # answered_by() -> count
    lock: threading.Lock = field(default_factory=threading.Lock)

    def merge(self, other):
        with self.lock:
            for kind, values in other.latencies.items():
                self.latencies[kind].extend(values)
            for status, count in other.statuses.items():
                self.statuses[status] += count
            self.errors.extend(other.errors)
            self.retries += other.retries
            for where, count in other.answered_by.items():
                self.answered_by[where] += count


# nginx's X-Cache-Status values for an answer from its own cache (without asking gunicorn).
NGINX_CACHED = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


def answered_by(headers):
    """Who made the answer: "nginx" (its micro-cache), "page cache" (the site's, in gunicorn) or
    "rendered" (the view ran)."""
    if headers.get("X-Cache-Status", "").upper() in NGINX_CACHED:
        return "nginx"
    if headers.get("X-Page-Cache") == "hit":
        return "page cache"
    return "rendered"


STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Reader(threading.Thread):
    """One visitor with a keep-alive connection, requesting pages until the deadline."""

    def __init__(self, number, host, port, pool, deadline, tally, timeout=30.0):
        super().__init__(name=f"reader-{number}", daemon=True)
        self.rng = random.Random(number)
        self.host, self.port, self.timeout = host, port, timeout
        self.pool, self.deadline, self.tally = pool, deadline, tally
        self.kinds = [kind for kind, _ in MIX]
        self.weights = [weight for _, weight in MIX]
        self.connection = None

    def _connect(self):
        if self.connection is not None:
            self.connection.close()
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def _get(self, url):
        """(status, body length). A keep-alive connection the server closed meanwhile is
        reopened and the request sent again once, as browsers do for idempotent requests."""
        reused = self.connection is not None
        if not reused:
            self._connect()
        try:
            return self._request(url)
        except STALE_CONNECTION:
            if not reused:
                raise
            self.local.retries += 1
            self._connect()
            return self._request(url)

    def _request(self, url):
        self.connection.request("GET", url, headers={"Accept-Language": "vi"})
        response = self.connection.getresponse()
        body = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        self.local.answered_by[answered_by(response.headers)] += 1
        return response.status, len(body)

    def run(self):
        self.local = Tally()
        while time.monotonic() < self.deadline:  # bounded by the deadline
            kind = self.rng.choices(self.kinds, self.weights)[0]
            url = self.pool.url(kind, self.rng)
            started = time.perf_counter()
            try:
                status, _ = self._get(url)
            except (OSError, http.client.HTTPException) as error:
                self.local.errors.append((kind, url, f"{type(error).__name__}: {error}"))
                self.connection = None
                continue
            elapsed = time.perf_counter() - started
            self.local.statuses[status] += 1
            self.local.latencies[kind].append(elapsed)
            if status != 200:
                self.local.errors.append((kind, url, f"HTTP {status}"))
        if self.connection is not None:
            self.connection.close()
        self.tally.merge(self.local)


def percentile(values, fraction):
    """The value below which `fraction` of `values` lie (nearest rank)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values):
    return {
        "requests": len(values),
        "p50_ms": _ms(percentile(values, 0.50)),
        "p95_ms": _ms(percentile(values, 0.95)),
        "p99_ms": _ms(percentile(values, 0.99)),
        "max_ms": _ms(max(values) if values else None),
    }


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)
