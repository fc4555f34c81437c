"""Load and crash safety: simulated tablets send surveys through the real server.

    python -m bench.load                      # 64 tablets, 20,000 submissions
    python -m bench.load --kill-after 6000    # SIGKILL the server mid-load, restart, replay
    python -m bench.load --tablets 8 --submissions 800

The clients (tests/helpers/load.py, shared with tests/test_load.py) run in separate processes
(never in the server's) and keep every id they send; afterwards the database is checked: every
acknowledged id stored, nothing lost, nothing stored twice.

wrk is faster but cannot tell which id a response belongs to, which is the point here, so the
clients are plain Python (http.client, one connection per thread, several processes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.helpers.load import Server, pair, prepare, problems, run_load, verify


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tablets", type=int, default=64)
    parser.add_argument("--submissions", type=int, default=20_000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-after", type=int, help="SIGKILL the server after N acks")
    parser.add_argument("--instance", type=Path, help="folder to use (default: a temp dir)")
    args = parser.parse_args(argv)

    import tempfile

    with tempfile.TemporaryDirectory(prefix="survey-load-") as scratch:
        instance = args.instance or Path(scratch) / "instance"
        _env, links = prepare(instance, args.tablets)
        server = Server(instance, args.workers)
        server.start()
        try:
            creds = [pair(server.base, link) for link in links]
            tally, ids, seconds = run_load(
                server, creds, args.submissions, args.processes, args.kill_after
            )
        finally:
            server.stop()
        found = verify(instance / "survey.sqlite3", ids, tally)
    latencies = tally.latencies
    crash = f", SIGKILL after {args.kill_after} acks + restart" if args.kill_after else ""
    print(f"{args.tablets} tablets, {args.submissions} submissions, {args.workers} workers{crash}")
    print(
        f"  {seconds:.1f} s, {args.submissions / seconds:.0f} submissions/s;"
        f" p50 {percentile(latencies, 0.5) * 1000:.1f} ms,"
        f" p99 {percentile(latencies, 0.99) * 1000:.1f} ms"
    )
    print(f"  statuses {dict(sorted(tally.statuses.items()))},"
          f" connection errors {tally.connection_errors}")  # fmt: skip
    print(f"  database: {found}")
    wrong = problems(found)
    for line in wrong + tally.unexpected[:5]:
        print(f"  PROBLEM: {line}")
    print("  OK: zero 5xx, zero lost, zero duplicated" if not wrong else "  FAILED")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
