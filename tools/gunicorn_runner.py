"""gunicorn on a free loopback port, for the benchmark (bench/run.py), the load test
(loadtest/run.py) and the two-servers test (tests/test_two_app_servers.py): started in its own process group, ready once it answers /healthz, stopped whole."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


def free_port(host=HOST):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start_gunicorn(options, *, port, cwd, log=None, timeout=60, env=None):
    """Run `gunicorn dvsite.wsgi:application <options>` on HOST:`port` and wait until it answers.

    `env` is its environment (default: this process's).

    Raises RuntimeError (after stopping it) when it exits, or does not answer within `timeout`
    seconds, or another program answers on the port.
    """
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "dvsite.wsgi:application",
        f"--bind={HOST}:{port}",
        *options,
    ]
    output = {"stdout": log, "stderr": subprocess.STDOUT} if log is not None else {}
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        command, cwd=cwd, env=env or os.environ.copy(), start_new_session=True, **output
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded wait for the first answer
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as answer:  # noqa: S310
                if "gunicorn" not in answer.headers.get("Server", "gunicorn"):
                    stop(server)
                    raise RuntimeError(f"port {port} is served by another program")
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s")


def stop(server, timeout=40):
    """SIGTERM to gunicorn's process group (the master and its workers), SIGKILL if it hangs."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=timeout)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
