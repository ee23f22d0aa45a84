"""nginx in front of the load test's application servers (`loadtest/run.py --nginx`).

The site's own server block (deploy/nginx/dvsite.conf) is rewritten for a throw-away nginx on the
loopback: plain HTTP on one port, the upstream listing every application server, the static and
media folders and the micro-cache's folder of the load test. Everything else (proxy headers,
upstream keep-alive, the locations) is the deploy's. Two changes, both said in the output:
- the rate limits (`limit_req`) are left out: the readers all come from 127.0.0.1, so they would
  share one visitor's budget (2 searches a second) and be answered 429;
- with `micro_cache=False` nginx's 10-second micro-cache (on in the deploy) is left out, to
  measure what the application servers themselves answer.
"""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tools.gunicorn_runner import HOST, stop

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "dvsite.conf"
SITE_NAME = "danvan.example.vn"
ERROR_LEVELS = ("[error]", "[crit]", "[alert]", "[emerg]")


def nginx_binary():
    """The nginx program, or None when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


def statements(text):
    """The top-level statements of an nginx file without its comments: each a `name …;` or a
    `name … { … }` block, as text. Braces and `#` inside quoted strings are not syntax."""
    found, start, depth, quote, index = [], 0, 0, None, 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            end = text.find("\n", index)
            end = len(text) if end == -1 else end
            text = text[:index] + text[end:]
            continue
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if not quote and depth == 0 and char in ";}":
            statement = text[start : index + 1].strip()
            if statement:
                found.append(statement)
            start = index + 1
        index += 1
    return found


def _site_server(statement):
    """True for the block that serves the site itself (TLS, the site's name, the proxy)."""
    return (
        statement.startswith("server")
        and f"server_name {SITE_NAME};" in statement
        and "proxy_pass" in statement
    )


def site_config(
    upstreams, *, port, static_root, media_root, cache_dir, micro_cache=True, template=None
):
    """The deploy's site file for nginx on HOST:`port` in front of `upstreams` ([port, …])."""
    text = (template or TEMPLATE).read_text()
    kept = []
    for statement in statements(text):
        if statement.startswith("upstream "):
            statement = _upstream(statement, upstreams)
        elif statement.startswith("server"):
            if not _site_server(statement):
                continue  # the catch-all, the HTTP redirect and the metrics listener
            statement = _plain_http(statement, port)
        kept.append(statement)
    site = "\n\n".join(kept) + "\n"
    site = re.sub(r"\n(?:[ \t]*\n)+", "\n\n", re.sub(r"[ \t]+\n", "\n", site))
    site = site.replace("/srv/dvsite/app/staticfiles/", f"{static_root}/")
    site = site.replace("/srv/dvsite/media/", f"{media_root}/")
    site = site.replace("/var/cache/nginx/dvsite", str(cache_dir))
    site = re.sub(r"^\s*limit_req zone=\S+( burst=\d+)?( nodelay)?;\n", "", site, flags=re.M)
    if not micro_cache:
        site = re.sub(r"^\s*proxy_cache dvsite_cache;\n", "", site, flags=re.M)
    return site


def _upstream(block, upstreams):
    lines = [line for line in block.splitlines() if not line.strip().startswith("server ")]
    servers = [f"    server {HOST}:{port} fail_timeout=0;" for port in upstreams]
    return "\n".join([lines[0], *servers, *lines[1:]])


def _plain_http(block, port):
    lines = []
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("listen "):
            if not lines or not lines[-1].strip().startswith("listen "):
                lines.append(f"    listen {HOST}:{port};")
            continue
        if stripped.startswith("ssl_"):
            continue
        lines.append(line.replace(f"server_name {SITE_NAME};", f"server_name {HOST} localhost;"))
    return "\n".join(lines)


def main_config(folder, site_path):
    """nginx.conf for a private nginx whose files all live in `folder`."""
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes auto;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        "events {\n    worker_connections 1024;\n}\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        "    access_log off;\n    sendfile on;\n    tcp_nopush on;\n"
        f"{temp}\n    include {site_path};\n}}\n"
    )


def write_config(folder, upstreams, *, port, static_root, media_root, micro_cache=True):
    """Write nginx.conf and site.conf into `folder`; the path of nginx.conf."""
    folder = Path(folder)
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    _open_to_workers(folder)
    site = site_config(
        upstreams,
        port=port,
        static_root=static_root,
        media_root=media_root,
        cache_dir=folder / "cache",
        micro_cache=micro_cache,
    )
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(main_config(folder, folder / "site.conf"))
    return folder / "nginx.conf"


def _open_to_workers(folder):
    """nginx started by root runs its workers (and cache manager) as `nobody`: they must reach
    the folder (a temporary folder is the owner's alone) and write the micro-cache's."""
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder / "cache", user="nobody")


def check_config(binary, config):
    """(ok, what nginx said) for `nginx -t` on `config`."""
    result = subprocess.run(  # noqa: S603 (the nginx program, our own file)
        [
            binary,
            "-t",
            "-p",
            str(config.parent),
            "-c",
            str(config),
            "-e",
            str(config.parent / "error.log"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.returncode == 0, result.stderr.strip()


def start(binary, config, port, timeout=20):
    """nginx in the foreground of its own process group, once it answers /healthz on `port`."""
    ok, said = check_config(binary, config)
    if not ok:
        raise RuntimeError(f"nginx refused its configuration: {said}")
    server = subprocess.Popen(  # noqa: S603
        [binary, "-p", str(config.parent), "-c", str(config), "-e", str(config.parent / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded wait for the first answer
        if server.poll() is not None:
            raise RuntimeError(f"nginx stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"nginx did not answer /healthz within {timeout} s")


def logged_errors(folder):
    """Lines of nginx's error log at level error or worse (an upstream refused, timed out …)."""
    path = Path(folder) / "error.log"
    if not path.exists():
        return []
    lines = path.read_text(errors="replace").splitlines()
    return [line for line in lines if any(level in line for level in ERROR_LEVELS)]
