"""The edge (deploy/nginx/dvsite.conf): every location that reaches Django limits its request
body, the public pages far below the admin's uploads, and /metrics is closed to the outside."""

import re

from dvsite.tests.test_deploy_files import NGINX, _nginx_block, _nginx_blocks

SIZE = re.compile(r"client_max_body_size (\d+)([km]);")


def _bytes(number, unit):
    return int(number) * {"k": 1024, "m": 1024 * 1024}[unit]


def _locations(server):
    """(opening, body) of each location of a server block."""
    found = []
    for match in re.finditer(r"location ([^{]+)\{", server):
        found.append((match.group(1).strip(), _nginx_block(server, match.group(0))))
    return found


def _site_server():
    text = re.sub(r"#[^\n]*", "", NGINX.read_text())
    [server] = [body for body in _nginx_blocks(text, "server {") if "listen 443 ssl http2;" in body]
    return server


def test_every_location_of_the_site_limits_the_request_body():
    limits = {}
    for opening, body in _locations(_site_server()):
        if "return 404;" in body and "proxy_pass" not in body and "alias" not in body:
            continue  # answers nothing
        if "internal;" in body:
            continue  # reached only through X-Accel-Redirect
        match = SIZE.search(body)
        assert match, f"location {opening} has no client_max_body_size"
        limits[opening] = _bytes(*match.groups())
    assert limits["/"] <= 64 * 1024  # public pages take no uploads
    assert limits["^~ /quan-tri/"] == 25 * 1024 * 1024  # the admin's pictures and documents
    assert limits["= /quan-tri/login/"] <= 16 * 1024
    assert limits["/static/"] <= 1024


def test_metrics_are_closed_to_the_outside():
    server = _site_server()
    assert "return 404;" in _nginx_block(server, "location = /metrics {")
    text = re.sub(r"#[^\n]*", "", NGINX.read_text())
    [monitoring] = [
        body
        for body in _nginx_blocks(text, "server {")
        if "/metrics" in body and "listen 127.0.0.1" in body
    ]
    assert re.search(r"listen 127\.0\.0\.1:\d+;", monitoring)
    metrics = _nginx_block(monitoring, "location = /metrics {")
    assert "allow 127.0.0.1;" in metrics and "deny all;" in metrics
    assert "proxy_pass http://dvsite_app;" in metrics
    assert "proxy_cache" not in monitoring
