"""XLSX writers side by side on the same ratings rows: the project's writer against openpyxl's
write-only mode (the baseline, the writer used before) and PyExcelerate.

Run: python -m bench.export_xlsx [--sizes 100000 1000000]

Each writer runs in a fresh process that builds the rows as the long ratings export has them
(UUID, time, desk, question, value, language, tablet) and reports seconds and peak RSS: the time
ratio against openpyxl in the same run says how much faster, the RSS at two sizes whether memory
stays flat. "rows in 30 s" is what `XLSX_DOWNLOAD_MAX_ROWS` can allow for a download.
PyExcelerate and openpyxl come with the `bench` extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid

HEADER = ["response_id", "submitted_at", "desk", "question", "value", "language", "tablet"]
WRITERS = ("openpyxl", "survey", "pyexcelerate")


def rows(count: int):
    for i in range(count):
        yield (
            str(uuid.UUID(int=i)),
            f"2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}T10:{i % 60:02d}:00Z",
            ("ind", "expat_centre", "gemeenteloket")[i % 3],
            ("front_desk_staff", "clarity_written_info")[i % 2],
            i % 5 + 1,
            ("en", "nl", "de", "fr")[i % 4],
            "IND desk 1",
        )


def child(writer: str, count: int, path: str) -> None:
    """Write one file with one writer; print seconds and peak RSS in MiB."""
    started = time.perf_counter()
    if writer == "survey":
        from survey import exports

        with open(path, "wb") as handle:
            exports.write_xlsx(handle, [("ratings", HEADER, rows(count))])
    elif writer == "openpyxl":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("ratings")
        sheet.append(HEADER)
        for row in rows(count):
            sheet.append(list(row))
        workbook.save(path)
    else:
        from pyexcelerate import Workbook

        workbook = Workbook()
        workbook.new_sheet("ratings", data=[HEADER, *rows(count)])  # holds every row
        workbook.save(path)
    seconds = time.perf_counter() - started
    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure(writer: str, count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out.xlsx")
        out = subprocess.run(
            [sys.executable, "-m", "bench.export_xlsx", "--child", writer, str(count), path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    return float(out[0]), float(out[1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return
    print("| writer | rows | seconds | rows/s | peak RSS | time vs openpyxl | rows in 30 s |")
    print("|---|---|---|---|---|---|---|")
    for count in args.sizes:
        baseline = None
        for writer in WRITERS:
            seconds, rss = measure(writer, count)
            baseline = baseline or seconds
            print(
                f"| {writer} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} | {rss:.0f} MB"
                f" | {seconds / baseline:.2f} | {30 * count / seconds:,.0f} |"
            )


if __name__ == "__main__":
    main()
