"""Redis URLs for the settings (imported by dvsite/settings.py: no Django, no app)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def next_database(url):
    """The same Redis server's next database: redis://h:6379/1 -> redis://h:6379/2 (no number
    means 0, so 1); `?db=` (unix sockets) is counted the same way."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "db" in query:
        query["db"] = str(int(query["db"]) + 1)
        return f"{url.partition('?')[0]}?{urlencode(query)}"
    number = parts.path.strip("/") or "0"
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))
