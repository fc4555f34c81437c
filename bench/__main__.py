"""`python -m bench`: every benchmark, one table of ratios against same-run baselines.

    python -m bench            # the full run (100k, 1M and 5M ratings), under ten minutes
    python -m bench --quick    # tiny sizes, short loads: checks the harness end to end
    python -m bench --only reads,files

Generated databases are cached in bench/.cache/ (git-ignored); the table is also written to
bench/results/latest.md, and a full run (no --quick, no --only) rewrites docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback

from . import common, data, docs, files, kiosk, reads, selfcheck, tablet, tagging
from .common import Report, Result, fresh_dir

SECTIONS = ("kiosk", "tablet", "reads", "files", "tag", "extras")
# Other helpers' scripts in bench/ that are quick enough for the full run (their output is
# appended as it is); bench/export_memory.py makes its own 1M demo data, so it runs on its own.
EXTRAS = (
    ("sentiment", []),
    ("export_xlsx", ["--sizes", "100000"]),
    ("load", ["--tablets", "16", "--submissions", "2000", "--kill-after", "1000"]),
)
ROOT_RESULTS = common.ROOT / "bench" / "results"


def fmt(value, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and abs(value) < 10:
        text = f"{value:.2f}" if abs(value) >= 0.1 or value == 0 else f"{value:.3f}"
    else:
        text = f"{value:,.0f}"
    return f"{text} {unit}".strip()


def ratio(value) -> str:
    return "-" if value is None else f"{value:.3g}"


def table(report: Report) -> str:
    head = ["benchmark", "measured", "baseline", "ratio", "target", "result"]
    rows = []
    for r in report.results:
        target = (
            f"{r.target} {r.unit}".strip()
            if r.absolute
            else f"ratio {r.target}"
            if r.target
            else "-"
        )
        result = r.verdict + (f" ({r.note})" if r.note else "")
        rows.append(
            [
                r.name,
                fmt(r.measured, r.unit),
                fmt(r.baseline, r.unit),
                ratio(r.ratio),
                target,
                result,
            ]
        )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def growth_table(report: Report) -> str:
    head = [
        "ratings", "SQL all-time", "dashboard all-time", "summary all-time", "SQL period",
        "dashboard period", "summary period", "CSV export", "sqlite3 CSV", "CSV peak RSS",
        "XLSX export", "XLSX peak RSS",
    ]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in report.growth:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def ms(seconds):
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 0.01 else f"{seconds * 1000:,.0f} ms"


def secs(seconds):
    return "-" if seconds is None else f"{seconds:.1f} s"


def mb(value):
    return "-" if value is None else f"{value:.0f} MB"


def run_reads(report: Report, sizes, in_period, main_size) -> dict:
    found = {}
    for total in sizes:
        found[total] = reads.measure(total, in_period)
        f = found[total]
        report.note(
            f"reads at {total:,} ratings: SQL all-time {ms(f['sql_all'])}, period {ms(f['sql_period'])};"
            f" dashboard all-time {ms(f['dashboard_all'])}, period {ms(f['dashboard_period'])};"
            f" summary all-time {ms(f['summary_all'])}, period {ms(f['summary_period'])}"
        )
    main = found[main_size]
    label = f"{main_size / 1e6:g}M" if main_size >= 1e6 else f"{main_size // 1000}k"
    pairs = [
        ("dashboard_all", "sql_all", "dashboard, all time"),
        ("dashboard_period", "sql_period", "dashboard, one month"),
        ("summary_all", "sql_all", "/api/v1/summary, all time"),
        ("summary_period", "sql_period", "/api/v1/summary, one month"),
    ]

    def why(page: str) -> str:
        url = "/api/v1/summary" if page.startswith("summary") else "/coordinator/"
        status = main["problems"].get(url)
        return "" if status is None else "not on main yet" if status == 404 else f"HTTP {status}"

    for page, sql, name in pairs:
        note = why(page)
        report.add(
            Result(
                f"3 {name} at {label} vs bare SQL",
                to_ms(main[page]),
                to_ms(main[sql]),
                "ms",
                "<= 3",
                note=note,
            )  # fmt: skip
        )
    small, big = found[sizes[0]], found[sizes[-1]]
    for page, name in (("dashboard_period", "dashboard"), ("summary_period", "/api/v1/summary")):
        report.add(
            Result(
                f"3 {name}, one month: {big_label(sizes)} vs {small_label(sizes)} stored",
                to_ms(big[page]),
                to_ms(small[page]),
                "ms",
                "<= 1.5",
                note=why(page),
            )
        )
    return found


def to_ms(seconds):
    return None if seconds is None else seconds * 1000


def label(total: int) -> str:
    return f"{total / 1e6:g}M" if total >= 1_000_000 else f"{total / 1000:g}k"


def big_label(sizes):
    return label(sizes[-1])


def small_label(sizes):
    return label(sizes[0])


def run_files(report: Report, sizes, in_period, main_size, xlsx_sizes) -> dict:
    scratch = fresh_dir("files")
    responses = sizes[0] * 3 // 10
    took, ratings = files.demo(responses, scratch)
    report.note(
        f"survey demo --responses {responses:,}: {took:.1f} s, {ratings / took:,.0f} ratings/s"
        f" ({ratings:,} ratings, with choices, comments and their tags)"
    )
    found: dict[int, dict] = {}
    for total in sizes:
        took, peak, out = files.export(total, in_period, "csv", scratch)
        base, base_peak = files.sqlite_csv(total, in_period, scratch)
        rows = files.lines(out) - 1
        found[total] = {"csv": took, "csv_peak": peak, "sqlite": base, "sqlite_peak": base_peak}
        if rows != total:
            raise RuntimeError(f"survey export wrote {rows} rows of {total}")
        report.note(
            f"CSV export of {total:,} ratings: survey {took:.2f} s ({total / took:,.0f} rows/s,"
            f" peak {peak:.0f} MB); sqlite3 shell {base:.2f} s ({total / base:,.0f} rows/s,"
            f" peak {base_peak:.0f} MB)"
        )
        if total in xlsx_sizes:
            took, peak, _ = files.export(total, in_period, "xlsx", scratch)
            found[total].update(xlsx=took, xlsx_peak=peak)
            report.note(f"XLSX export of {total:,} ratings: {took:.1f} s, peak {peak:.0f} MB")
        if total != main_size:
            out.unlink()
    main = found[main_size]
    report.add(
        Result(
            f"4 CSV export at {label(main_size)}",
            main_size / main["csv"],
            main_size / main["sqlite"],
            "rows/s",
            ">= 0.2",
        )
    )
    low, high = xlsx_sizes[0], xlsx_sizes[-1]
    for kind in ("csv", "xlsx"):
        if f"{kind}_peak" in found[high] and f"{kind}_peak" in found[low]:
            delta = found[high][f"{kind}_peak"] - found[low][f"{kind}_peak"]
            report.add(
                Result(
                    f"4 {kind.upper()} peak RSS, {label(high)} minus {label(low)}",
                    delta,
                    None,
                    "MB",
                    "< 20",
                    absolute=True,
                )  # fmt: skip
            )
    # 5: import the main export into an empty instance, against raw executemany.
    csv_path = scratch / f"ratings-{main_size}.csv"
    took, peak = files.import_file(csv_path, scratch)
    base, base_peak = files.raw_import(csv_path, scratch)
    report.add(
        Result(
            f"5 survey import of {label(main_size)} ratings",
            main_size / took,
            main_size / base,
            "rows/s",
            ">= 0.3",
        )
    )
    report.note(
        f"import of {main_size:,} ratings: survey import {took:.1f} s (peak {peak:.0f} MB);"
        f" raw executemany {base:.1f} s (peak {base_peak:.0f} MB)"
    )
    return found


def run_tag(report: Report, count: int) -> None:
    tag, bare, count = tagging.run(count, fresh_dir("tag"))
    report.add(
        Result(
            f"6 survey tag, {count:,} comments",
            tag,
            bare,
            "comments/s",
            "",
            note="" if tag is not None else "not on main yet",
        )
    )
    report.note(
        f"tagging {count:,} comments (start-up included): survey tag"
        f" {fmt(tag, 'comments/s')}; bare TextBlob polarity {bare:,.0f} comments/s"
    )


def run_extras(report: Report) -> None:
    for name, args in EXTRAS:
        if not (common.ROOT / "bench" / f"{name}.py").exists():
            continue
        done = subprocess.run(
            [sys.executable, "-m", f"bench.{name}", *args],
            cwd=common.ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        command = " ".join(["python -m", f"bench.{name}", *args])
        report.extras.append((command, done.stdout.rstrip() or done.stderr[-2000:]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a harness check")
    parser.add_argument("--only", help=f"comma-separated sections of {','.join(SECTIONS)}")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if args.quick:
        sizes, in_period, main_size, xlsx_sizes, comments = (
            [2_000, 10_000, 50_000],
            1_000,
            10_000,
            [2_000, 10_000],
            200,
        )
    else:
        sizes, in_period, main_size, xlsx_sizes, comments = [100_000, 1_000_000, 5_000_000], 30_000, 1_000_000, [100_000, 1_000_000], 3_000  # fmt: skip
    started = time.perf_counter()
    print(selfcheck.check(), flush=True)
    report = Report()
    print(f"bench: {platform.node()}, {os.cpu_count()} cores, sizes {sizes}", flush=True)
    if only & {"reads", "files"}:
        for total in sizes:
            data.database(total, in_period)
    reads_found = files_found = {}
    steps = [
        ("kiosk", lambda: kiosk.run(report, args.quick)),
        ("tablet", lambda: tablet.run(report, args.quick)),
        ("reads", lambda: run_reads(report, sizes, in_period, main_size)),
        ("files", lambda: run_files(report, sizes, in_period, main_size, xlsx_sizes)),
        ("tag", lambda: run_tag(report, comments)),
        ("extras", lambda: run_extras(report)),
    ]
    for name, step in steps:
        if name not in only:
            continue
        print(f"[{name}] ...", flush=True)
        began = time.perf_counter()
        try:
            found = step()
        except Exception as error:  # one broken benchmark must not hide the others
            traceback.print_exc()
            report.add(Result(f"{name}: failed", None, None, "", "", note=str(error)[:120]))
            found = None
        if name == "reads" and found:
            reads_found = found
        if name == "files" and found:
            files_found = found
        print(f"[{name}] {time.perf_counter() - began:.0f} s", flush=True)
    for total in sizes:
        r, f = reads_found.get(total, {}), files_found.get(total, {})
        if r or f:
            report.growth.append(
                (
                    f"{total:,}",
                    ms(r.get("sql_all")),
                    ms(r.get("dashboard_all")),
                    ms(r.get("summary_all")),
                    ms(r.get("sql_period")),
                    ms(r.get("dashboard_period")),
                    ms(r.get("summary_period")),
                    secs(f.get("csv")),
                    secs(f.get("sqlite")),
                    mb(f.get("csv_peak")),
                    secs(f.get("xlsx")),
                    mb(f.get("xlsx_peak")),
                )  # fmt: skip
            )
    if not any(r.name.endswith(": failed") for r in report.results):
        shutil.rmtree(common.CACHE / "run", ignore_errors=True)  # exports, imports: GBs
    took = time.perf_counter() - started
    command = "python -m bench" + (" --quick" if args.quick else "")
    out = [
        f"`{command}` on {os.cpu_count()} cores ({platform.machine()}, Python"
        f" {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}),"
        f" {took:.0f} s in all.",
        "",
        table(report),
        "",
        "Absolute figures:",
        "",
        *[f"- {line}" for line in report.figures],
    ]
    if report.growth:
        out += [
            "",
            f"Growth (the one-month period holds the same {in_period:,} ratings at every size):",
            "",
        ]
        out.append(growth_table(report))
    for command, output in report.extras:
        out += ["", f"`{command}`:", "", "```", output, "```"]
    text = "\n".join(out)
    print("\n" + text)
    ROOT_RESULTS.mkdir(exist_ok=True)
    (ROOT_RESULTS / ("quick.md" if args.quick else "latest.md")).write_text(text + "\n")
    if not args.quick and only == set(SECTIONS):
        print(f"Wrote {docs.write(report, text)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
