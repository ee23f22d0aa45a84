"""Memory and CPU time of gunicorn's workers during the load test, sampled from /proc (Linux)
once a second.

RSS counts every page a worker maps, also those it still shares with the master after the fork
(`preload_app`); PSS shares those out between the processes, so PSS summed over the workers is
what they cost the machine together.
"""

import os
import threading
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    """Ids of the processes whose parent is `pid` (gunicorn's workers)."""
    found = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def memory_mb(pid):
    """(RSS, PSS) of `pid` in MB, or None once it has ended."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0]) / 1024  # kB
    return values.get("Rss", 0.0), values.get("Pss", 0.0)


def cpu_seconds(pid):
    """User and system CPU time `pid` has used, or None once it has ended."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


class MemorySampler(threading.Thread):
    """Samples the workers of the gunicorn master `pid` every `interval` s until stopped."""

    def __init__(self, pid, interval=1.0):
        super().__init__(name="memory-sampler", daemon=True)
        self.pid, self.interval = pid, interval
        self.stopped = threading.Event()
        self.max_rss = self.max_pss_total = 0.0
        self.workers_seen = set()
        self.samples = 0
        self.cpu = {}  # pid -> CPU seconds at its last sample (master and workers)
        self.cpu_start = {}  # pid -> at its first sample

    def run(self):
        self.sample()
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self):
        pss_total = 0.0
        for pid in [self.pid, *children(self.pid)]:
            used = cpu_seconds(pid)
            if used is not None:
                self.cpu_start.setdefault(pid, used)
                self.cpu[pid] = used
        for pid in children(self.pid):
            measured = memory_mb(pid)
            if measured is None:
                continue
            rss, pss = measured
            self.workers_seen.add(pid)
            self.max_rss = max(self.max_rss, rss)
            pss_total += pss
        master = memory_mb(self.pid)
        if master is not None:
            pss_total += master[1]
        self.max_pss_total = max(self.max_pss_total, pss_total)
        self.samples += 1

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)
        self.sample()  # the CPU time up to the end

    def cpu_used(self):
        """CPU seconds gunicorn used while sampled (a worker's last second before it ended
        is lost)."""
        return sum(self.cpu[pid] - self.cpu_start[pid] for pid in self.cpu)

    def report(self):
        return {
            "worker_rss_max_mb": round(self.max_rss, 1),
            "gunicorn_pss_total_max_mb": round(self.max_pss_total, 1),
            "workers_seen": len(self.workers_seen),
            "samples": self.samples,
            "cpu_s": round(self.cpu_used(), 2),
        }


def merged_report(reports):
    """One report for several gunicorn servers: the largest worker of any; their PSS peaks
    summed (each server's own peak, so an upper bound of what they held at one moment)."""
    return {
        "worker_rss_max_mb": max(report["worker_rss_max_mb"] for report in reports),
        "gunicorn_pss_total_max_mb": round(
            sum(report["gunicorn_pss_total_max_mb"] for report in reports), 1
        ),
        "workers_seen": sum(report["workers_seen"] for report in reports),
        "cpu_s": round(sum(report["cpu_s"] for report in reports), 2),
        "samples": min(report["samples"] for report in reports),
    }
