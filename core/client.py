"""Who is asking: the visitor's address behind trusted proxies, and whether it is a robot."""

import re

from django.conf import settings


def client_ip(request):
    """The visitor's address (login throttling, view counts).

    Behind N trusted proxies (nginx, a load balancer) REMOTE_ADDR is the last proxy, so take the
    N-th address from the right of X-Forwarded-For; anything further left is client-supplied.
    The header is believed only when the request comes from a trusted proxy address
    (`TRUSTED_PROXY_IPS`): a client talking to gunicorn directly gets its own REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if count > 0 and remote in settings.TRUSTED_PROXY_IPS:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return remote


# Crawlers, link previews, monitors and scripts announce themselves; browsers always send an agent.
_ROBOT_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"uptime|pingdom|headless|phantomjs|lighthouse|curl|wget|httpie|python-|python/|aiohttp|"
    r"go-http-client|java/|okhttp|libwww|scrapy|axios|node-fetch|feedfetcher|\bfeed",
    re.IGNORECASE,
)


def is_robot(request):
    agent = request.META.get("HTTP_USER_AGENT", "").strip()
    return not agent or bool(_ROBOT_AGENT.search(agent))
