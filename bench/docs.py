"""docs/performance.md, written from a full run's results (never edited by hand).

The page states the method once, then this run's figures, each beside its baseline and target;
where a target is missed it lists the measured numbers and what the time is spent on. Code
comments elsewhere name the benchmark (e.g. "see `python -m bench`, dashboard reads") instead of
restating its figures, so the numbers live in one place and stay current.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from .common import ROOT, Report

PAGE = ROOT / "docs" / "performance.md"
SEPARATE = ROOT / "bench" / "results" / "export_memory.md"  # written by bench.export_memory

METHOD = """\
`make bench` (or `.venv/bin/python -m bench`) runs every benchmark in about ten minutes and
prints one table: each figure beside a baseline measured in the same run on the same machine
(a bare Flask app under the same gunicorn settings, the bare aggregate SQL, the `sqlite3`
shell's CSV of the export's rows from a flat table, raw `executemany`, bare TextBlob), the
ratio and its target. Submissions and pages are served for real (`survey serve`, gunicorn
sync, 2 workers) and loaded by `wrk` (installed with apt-get when missing, which needs root),
app and baseline in turn, median of 3 rounds. Generated databases (100k, 1M and 5M ratings
over two years, three desks, the same 30k ratings in the one-month period at every size) are
cached in `bench/.cache/` (about 2.3 GB); a run's scratch files are deleted after it (kept
when a benchmark failed). The table is also
written to `bench/results/latest.md`, and a full run rewrites this page.

- `python -m bench --quick` checks the harness on tiny sizes (it does not touch this page);
  `--only kiosk,reads,files,tag,extras` runs a part.
- `python -m bench.sentiment` (tagger accuracy) and `python -m bench.load` (load and crash
  safety: simulated tablets through `survey serve`, with `--tablets`, `--submissions`,
  `--kill-after N` to SIGKILL the server mid-load) are appended to a full run below.
- `python -m bench.export_memory` (peak RSS of each export in a fresh process, against a process
  that only reads the rows; a control holds every row in a list) makes its own 1M-rating demo
  data, so it runs on its own; its last output is included below when present.

The machine is shared: ratios move by about 0.1 between runs, absolute figures by up to 2x.
Timed assertions are never part of the tests; `tests/test_bench.py` only runs the harness.
"""

# What the time goes to where a target is missed (no figures here: the run supplies them).
WHY = {
    "1 submit": "Per request the app does what the bare app does not: the session, the CSRF"
    " token and the signed tablet cookie (each verified once per worker, then remembered), a read"
    " of the tablet's row (so a revocation counts on the next request), full validation against"
    " the questionnaire and PII redaction of the comment before it is stored. The survey is then"
    " one row with its answers (three indexes, where the bare app's table has one); a thread"
    " beside the requests files the answers into the indexed answer tables in batches, and every"
    " reader files first. Two workers writing in turn empty each other's SQLite page cache, so"
    " each survey reads its index pages back. Also off the request: tagging (done by the first"
    " page or export that reads the comment), SQLite's sleep-and-retry when two writers meet"
    " (they take turns on an OS lock), WAL checkpoints and gunicorn's heartbeat file (in"
    " /dev/shm). A busy desk produces a few hundred surveys a day, so this is headroom, not a"
    " limit.",
    "3 dashboard": "Besides the aggregate, the page runs the trend, sentiment, quotes, notes and"
    " figures queries; it stays flat from 100k to 5M stored ratings (see the growth table).",
    "4 CSV export": "The baseline reads a flat table; the export joins each rating to its"
    " survey (in index order, nothing sorted) and starts a Python process with the app. Each row"
    " arrives as one line SQLite joined, checked per chunk for cells that need quoting or could"
    " start a formula. Memory stays flat at every size.",
    "5 survey import": "Import validates the whole file before it writes any of it, so it is not"
    " flat in memory by design.",
}


def figure(value: float, unit: str) -> str:
    """251,237 rows/s, 7.55 ms: whole numbers from 100 up, three significant digits below."""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def misses(report: Report) -> list[str]:
    """One line per missed target: measured, baseline, ratio, target, and why."""
    lines, explained = [], set()
    for result in report.results:
        if result.verdict != "miss":
            continue
        shown = figure(result.measured, result.unit)
        if result.baseline:
            shown += (
                f" against {figure(result.baseline, result.unit)}, ratio **{result.ratio:.3g}**"
            )
        prefix = next((p for p in WHY if result.name.startswith(p)), None)
        why = WHY[prefix] if prefix and prefix not in explained else ""
        explained.add(prefix)
        lines.append(f"- {result.name}: {shown} (target {result.target}). {why}".rstrip())
    return lines


def write(report: Report, run_text: str) -> Path:
    """Rewrite docs/performance.md from this full run."""
    day = datetime.date.today().isoformat()
    parts = [
        "# Performance",
        "",
        f"Written by `python -m bench` on {day} from the run below; do not edit by hand."
        f" Load average when it ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (other work shares the machine).",
        "",
        "## How it is measured",
        "",
        METHOD,
        "## Last full run",
        "",
        run_text,
        "",
        "## Targets missed",
        "",
        *(misses(report) or ["None: every target with a verdict passed."]),
        "",
        "## Export memory (measured separately)",
        "",
    ]
    if SEPARATE.exists():
        parts += [SEPARATE.read_text(encoding="utf-8").rstrip(), ""]
    else:
        parts += ["Not measured yet on this machine: run `python -m bench.export_memory`.", ""]
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text("\n".join(parts), encoding="utf-8")
    return PAGE
