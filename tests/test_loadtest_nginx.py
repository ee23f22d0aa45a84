"""The load test behind nginx (`loadtest/run.py --nginx --servers 1,2`): the nginx file written
from the deploy's, the table of one server beside two, and the command's refusals; with nginx,
PostgreSQL and Redis on the machine, a short run through nginx in front of two servers."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loadtest import nginx, run
from loadtest.compare import side_by_side
from tests.test_two_app_servers import PG, _reachable, _wanted

ROOT = Path(__file__).resolve().parents[1]


def _site(**options):
    defaults = {
        "port": 18080,
        "static_root": "/tmp/lt/static",
        "media_root": "/tmp/lt/media",
        "cache_dir": "/tmp/lt/cache",
    }
    return nginx.site_config([18001, 18002], **{**defaults, **options})


def _block(text, opening):
    start = text.index(opening) + len(opening)
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        end += 1
    return text[start : end - 1]


def test_the_upstream_lists_every_server_and_keeps_connections_open():
    upstream = _block(_site(), "upstream dvsite_app {")
    servers = re.findall(r"^\s*server (\S+)", upstream, flags=re.M)
    assert servers == ["127.0.0.1:18001", "127.0.0.1:18002"]
    assert "keepalive 16;" in upstream


def test_one_plain_http_site_on_the_loopback_with_the_headers_the_site_trusts():
    site = _site()
    assert re.findall(r"^\s*listen (\S+);", site, flags=re.M) == ["127.0.0.1:18080"]
    assert site.count("server {") == 1  # no catch-all, no redirect, no metrics listener
    for gone in ("ssl", "443", "/etc/letsencrypt", "/srv/dvsite", "/var/cache", "limit_req zone="):
        assert gone not in site, gone
    for header in (
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header Host $host;",
        'proxy_set_header Connection "";',
        "proxy_http_version 1.1;",
    ):
        assert header in site, header
    assert "alias /tmp/lt/static/;" in site and "alias /tmp/lt/media/;" in site


def test_the_micro_cache_is_on_as_deployed_unless_left_out():
    assert "proxy_cache dvsite_cache;" in _site()
    assert "proxy_cache dvsite_cache;" not in _site(micro_cache=False)
    assert "proxy_cache_path /tmp/lt/cache " in _site()


def test_statements_ignore_braces_in_quotes_and_comments():
    text = 'map $uri $x { default ""; "~^/a{2}$" "b"; }  # a { comment\nupstream u { server a; }\n'
    assert nginx.statements(text) == [
        'map $uri $x { default ""; "~^/a{2}$" "b"; }',
        "upstream u { server a; }",
    ]


@pytest.mark.skipif(nginx.nginx_binary() is None, reason="nginx is not installed")
def test_nginx_accepts_the_written_configuration(tmp_path):
    config = nginx.write_config(
        tmp_path, [18001, 18002], port=18080, static_root=tmp_path, media_root=tmp_path
    )
    ok, said = nginx.check_config(nginx.nginx_binary(), config)
    assert ok, said


def _result(servers, rps, p95, published, visible, errors=0):
    return {
        "config": {"servers": servers, "gunicorn": {"per_server": "2 × 2"}},
        "requests": int(rps * 60),
        "throughput_rps": rps,
        "latency": {"p50_ms": 40.0, "p95_ms": p95, "p99_ms": p95 * 2},
        "errors": errors,
        "memory": {"worker_rss_max_mb": 95.5},
        "cpu_ms_per_request": {"gunicorn": 30.5, "nginx": 0.4},
        "answered_by": {"nginx": 50, "page cache": 30, "rendered": 20},
        "editor": {
            "actions": {"publish_new": published, "revise": 20, "revise_title": 20},
            "published_visible_at_once": visible,
            "listed_at_once": visible,
        },
    }


def test_the_table_puts_one_server_beside_two():
    table = side_by_side([_result(1, 210.5, 250.1, 20, 20), _result(2, 230.0, 199.0, 19, 18, 3)])
    lines = table.splitlines()
    assert re.fullmatch(r"\|\s+\| 1 server \| 2 servers \|", lines[0])
    rows = {line.split("|")[1].strip(): line.split("|")[2:4] for line in lines[2:]}
    assert [cell.strip() for cell in rows["requests/s"]] == ["210.5", "230.0"]
    assert [cell.strip() for cell in rows["p95 ms"]] == ["250.1", "199.0"]
    assert [cell.strip() for cell in rows["errors"]] == ["0", "3"]
    visible = rows["new post answering 200 at once, everywhere"]
    assert [cell.strip() for cell in visible] == ["20/20", "18/19"]
    assert [cell.strip() for cell in rows["answered from nginx's micro-cache"]] == ["50 %", "50 %"]
    assert [cell.strip() for cell in rows["rendered by a view"]] == ["20 %", "20 %"]
    assert len({len(line) for line in lines}) == 1  # columns line up


def test_several_servers_need_nginx_and_counts_are_checked(capsys):
    for argv in (
        ["--servers", "1,2"],
        ["--servers", "0"],
        ["--servers", "a"],
        ["--no-nginx-cache"],
    ):
        with pytest.raises(SystemExit) as stopped:
            run.parse_args(argv)
        assert stopped.value.code == 2, argv
    assert run.parse_args(["--servers", "2,1", "--nginx"]).servers == [2, 1]


def test_without_nginx_the_command_says_so_in_one_line(monkeypatch):
    monkeypatch.setattr(nginx, "nginx_binary", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        run.main(["--nginx", "--servers", "1,2"])
    message = str(stopped.value.code)
    assert "nginx is not installed" in message and "\n" not in message


@pytest.mark.skipif(
    nginx.nginx_binary() is None
    or shutil.which("redis-server") is None
    or not (_wanted() and _reachable()),
    reason="needs nginx, redis-server and PostgreSQL (and a PostgreSQL run or DVSITE_TWO_SERVERS=1)",
)
def test_two_servers_behind_nginx_answer_and_show_each_new_post(tmp_path):
    import psycopg

    name = f"dvsite_two_nginx_{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    command = [
        sys.executable, "loadtest/run.py", "--nginx", "--servers", "2", "--seconds", "3",
        "--clients", "3", "--posts", "300", "--documents", "10", "--events", "10",
        "--database-url", f"{PG}/{name}", "--redis",  # a private redis-server, emptied by nobody else
    ]  # fmt: skip
    try:
        result = subprocess.run(  # noqa: S603 (our own load test)
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=280, check=False
        )
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "nginx on http://127.0.0.1:" in result.stdout
    row = re.search(
        r"\| new post answering 200 at once, everywhere\s+\|\s+(\d+)/(\d+) \|", result.stdout
    )
    assert row and int(row.group(1)) == int(row.group(2)) >= 1


def test_answers_are_told_apart_by_their_headers():
    from loadtest.workload import answered_by

    assert answered_by({"X-Cache-Status": "HIT", "X-Page-Cache": "miss"}) == "nginx"
    assert answered_by({"X-Cache-Status": "UPDATING"}) == "nginx"
    assert answered_by({"X-Cache-Status": "MISS", "X-Page-Cache": "hit"}) == "page cache"
    assert answered_by({"X-Cache-Status": "EXPIRED", "X-Page-Cache": "miss"}) == "rendered"
    assert answered_by({}) == "rendered"
