"""Shared pieces of the benchmarks: results, timing, child processes, servers and wrk."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import free_port, instance_env  # noqa: F401  (shared with the tests)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
BIN = Path(sys.executable).parent
SURVEY = str(BIN / "survey")


@dataclass
class Result:
    """One line of the table: a measured figure against a baseline from the same run."""

    name: str
    measured: float | None
    baseline: float | None
    unit: str
    target: str  # e.g. ">= 0.6" (ratio) or "< 100" (absolute, in `unit`)
    ratio: float | None = None
    note: str = ""
    absolute: bool = False  # the target applies to `measured` itself, not to a ratio

    def __post_init__(self):
        if self.ratio is None and self.measured is not None and self.baseline:
            self.ratio = self.measured / self.baseline

    @property
    def verdict(self) -> str:
        """pass / miss against the target; n/a when it could not be measured."""
        value = self.measured if self.absolute else self.ratio
        if value is None:
            return "n/a"
        if not self.target:
            return "info"
        op, limit = self.target.split()
        limit = float(limit)
        ok = {">=": value >= limit, "<=": value <= limit, "<": value < limit, ">": value > limit}
        return "pass" if ok[op] else "miss"


@dataclass
class Report:
    """Everything one run produced: table rows, absolute figures, growth rows."""

    results: list[Result] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    growth: list[tuple] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)  # (command, its output)

    def add(self, result: Result) -> Result:
        self.results.append(result)
        return result

    def note(self, text: str) -> None:
        self.figures.append(text)
        print(f"  {text}", flush=True)


def median_time(fn: Callable[[], object], repeat: int = 3, warmup: int = 1) -> float:
    """Median wall time of `fn()` in seconds: at least `repeat` runs, more (up to about half a
    second in all) when one run is so short that a single scheduler hiccup would dominate it."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    while len(times) < repeat or (sum(times) < 0.5 and len(times) < 50):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def survey(instance: Path, *args: str, input: str | None = None, check=True) -> str:
    """Run the `survey` command on an instance; return its stdout."""
    done = subprocess.run(
        [SURVEY, *args],
        env=instance_env(instance),
        input=input,
        capture_output=True,
        text=True,
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"survey {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def fresh_dir(name: str) -> Path:
    """An empty folder under the cache, for one benchmark's scratch files."""
    path = CACHE / "run" / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def measure_child(cmd: list[str], env=None, stdin=None, stdout=None) -> tuple[float, float, int]:
    """Run one command; return (seconds, peak RSS in MB, exit code).

    A wrapper process runs the command and reads RUSAGE_CHILDREN, so the peak belongs to this
    command alone (RUSAGE_CHILDREN is the maximum over every child a process ever waited for).
    """
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(took, peak, code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd],
        env=env,
        stdin=stdin,
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    took, peak, code = done.stderr.strip().splitlines()[-1].split()
    if int(code) != 0:
        raise RuntimeError(f"{cmd[0]} exited with {code}: {done.stderr.strip()[-500:]}")
    return float(took), int(peak) / 1024, int(code)


class Server:
    """A server process on a free port, stopped (its process group) on exit."""

    def __init__(self, cmd: list[str], env: dict[str, str], port: int, log: Path):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, path: str = "/healthz", timeout: float = 30) -> None:
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: see {self.log.name}")
            try:
                urllib.request.urlopen(self.url + path, timeout=2).read()
                return
            except urllib.error.HTTPError:
                return  # it answers, even if not 200
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout}s: see {self.log.name}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        import signal

        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.log.close()


def ensure_tool(name: str, package: str) -> str | None:
    """The path of a command-line tool, installing its Debian package when missing (as root)."""
    found = shutil.which(name)
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print(f"  installing {package} (apt-get) ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], capture_output=True)
        if not shutil.which(name):
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", package], capture_output=True)
    return shutil.which(name)


WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.stderr:write(string.format(
    'WRKJSON {"requests": %d, "seconds": %f, "connect": %d, "read": %d, "write": %d,'
    .. ' "status": %d, "timeout": %d, "p50": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Load:
    """What wrk saw: throughput, latency percentiles (ms) and errors."""

    rps: float
    p50: float
    p99: float
    errors: int
    requests: int
    kinds: dict = field(default_factory=dict)  # wrk's error counts by kind, when any


def wrk(url: str, script: str, connections: int, seconds: int, threads: int = 2) -> Load:
    """Run wrk with a Lua script (plus our JSON report) and return its figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + WRK_REPORT)
        path = handle.name
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                path,
                url,
            ],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(path)
    line = next((x for x in done.stderr.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {done.stdout[-300:]} {done.stderr[-300:]}")
    data = json.loads(line[len("WRKJSON ") :])
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Load(
        rps=data["requests"] / data["seconds"],
        p50=data["p50"],
        p99=data["p99"],
        errors=errors,
        requests=data["requests"],
        kinds={k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]},
    )
