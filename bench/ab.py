"""A/B of the submission path: this checkout's app, another checkout's app and the bare app.

    git worktree add ../variant HEAD~1      # or any change to try
    python -m bench.ab ../variant [ROUNDS]

All three are served at once (`survey serve --workers 2`, the other checkout through
PYTHONPATH, the bare app as in benchmark 1) and loaded by wrk in turn, round after round, the
order reversed every other round: the machine's other load weighs on all of them alike. Printed:
each one's submissions per second, the ratios, and B/A per round (above 1: B is faster). A
difference of a few percent shows as the same sign in most rounds; one round means little.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from . import common
from .common import BIN, SURVEY, Server, free_port, fresh_dir, wrk
from .kiosk import pair, post_script

PATH = "/api/v1/responses"


def app_server(scratch: Path, name: str, tree: str | None) -> tuple[Server, str]:
    """`survey serve` on a new instance (code from `tree` when given) and a pairing link."""
    env = common.instance_env(scratch / name)
    if tree:
        env["PYTHONPATH"] = str(Path(tree).resolve())
    subprocess.run([SURVEY, "init"], env=env, check=True, capture_output=True)
    added = subprocess.run(
        [SURVEY, "tablet", "add", "Bench", "--desk", "ind"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    port = free_port()
    cmd = [SURVEY, "serve", "--port", str(port), "--workers", "2"]
    return Server(cmd, env, port, scratch / f"{name}.log"), added.stdout.strip().splitlines()[-1]


def main(tree: str, rounds: int) -> None:
    scratch = fresh_dir("ab")
    a, link_a = app_server(scratch, "a", None)
    b, link_b = app_server(scratch, "b", tree)
    port = free_port()
    env = {**os.environ, "BENCH_DB": str(scratch / "baseline.sqlite3")}
    cmd = [str(BIN / "gunicorn"), "-w", "2", "-k", "sync", "--preload", "-b", f"127.0.0.1:{port}"]
    base = Server(cmd + ["bench.baseline_app:app"], env, port, scratch / "baseline.log")
    with a, b, base:
        for server in (a, b, base):
            server.wait_ready()
        headers_a = dict(zip(("Cookie", "X-CSRFToken"), pair(a.url, link_a), strict=True))
        headers_b = dict(zip(("Cookie", "X-CSRFToken"), pair(b.url, link_b), strict=True))
        loads = {
            "A": (a.url + PATH, lambda: post_script(PATH, headers_a)),
            "B": (b.url + PATH, lambda: post_script(PATH, headers_b)),
            "base": (base.url + "/submit", lambda: post_script("/submit", {})),
        }
        for url, script in loads.values():
            wrk(url, script(), 4, 1)  # warm up
        seen: dict[str, list[float]] = {name: [] for name in loads}
        for round_ in range(rounds):
            order = list(loads) if round_ % 2 == 0 else list(reversed(loads))
            for name in order:
                url, script = loads[name]
                seen[name].append(wrk(url, script(), 16, 3).rps)
    for name, values in seen.items():
        shown = " ".join(f"{v:.0f}" for v in values)
        print(f"{name:5s} {shown}  median {statistics.median(values):.0f}/s")
    a_rps, b_rps, base_rps = (statistics.median(seen[k]) for k in ("A", "B", "base"))
    print(f"A/base {a_rps / base_rps:.3f}  B/base {b_rps / base_rps:.3f}  B/A {b_rps / a_rps:.3f}")
    rounds_ab = " ".join(f"{y / x:.3f}" for x, y in zip(seen["A"], seen["B"], strict=True))
    print(f"B/A per round {rounds_ab}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m bench.ab OTHER_CHECKOUT [ROUNDS]")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 6)
