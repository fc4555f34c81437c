"""Peak memory of exports at 100,000 and 1,000,000 ratings: flat means streaming works.

Run: python -m bench.export_memory [--sizes 100000 1000000]

For each size, demo data is written into a temporary instance, then each export runs in a fresh
process that reports its peak RSS (ru_maxrss). The baseline is a process that only reads the
same rows from the store and throws them away: the ratio export / baseline shows what the writer
itself costs, and the 1M / 100k ratio shows whether memory grows with the row count. The
control holds every row in a list, as a non-streaming export would, to show that it does grow.
`import-csv` reads the CSV export back into an empty instance (import validates the whole file
before writing anything, so its memory grows with the file; it is listed for the record).
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULT = Path(__file__).resolve().parent / "results" / "export_memory.md"
RATINGS_PER_RESPONSE = 2.9  # the demo's average (some desks, some skipped questions)
KINDS = [
    "baseline",
    "csv",
    "json",
    "csv-wide",
    "xlsx",
    "comments-csv",
    "list (control)",
    "import-csv",
]


def child(kind: str, output: str) -> None:
    """Run one export in this process and print peak RSS in MiB and the seconds taken."""
    from survey import create_app, exports, imports, store
    from survey.db import get_db

    app = create_app()
    with app.app_context():
        db = get_db()
        started = time.perf_counter()
        if kind == "baseline":
            count = sum(1 for _ in store.iter_ratings(db))
        elif kind == "import-csv":
            # The csv export, back into an empty instance: validation holds the file's rows.
            with open(output, "rb") as handle:
                result = imports.import_file(db, app.extensions["survey"], handle.read())
            count = result.added
        elif kind == "list (control)":
            # What a non-streaming export would hold: shows that the measurement can see growth.
            count = len(list(store.iter_ratings(db)))
        else:
            fmt = {"csv-wide": "csv", "comments-csv": "csv"}.get(kind, kind)
            spec = exports.ExportSpec(
                fmt=fmt,
                shape="wide" if kind == "csv-wide" else "long",
                comments=kind == "comments-csv",
            )
            count = 0
            mode = "wb" if fmt == "xlsx" else "w"
            with open(output, mode) as handle:
                for chunk in exports.export_chunks(db, app.extensions["survey"], spec):
                    handle.write(chunk)
                    count += 1
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{peak:.1f} {seconds:.2f} {count}")


def run(kind: str, env: dict, folder: str) -> tuple[float, float]:
    output = os.path.join(folder, "out-" + kind.split()[0])
    if kind == "import-csv":
        output = os.path.join(folder, "out-csv")
        env = {**env, "SURVEY_INSTANCE_PATH": os.path.join(folder, "empty")}
    done = subprocess.run(
        [sys.executable, "-m", "bench.export_memory", "--child", kind, output],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    peak, seconds, _ = done.stdout.split()
    return float(peak), float(seconds)


def aggregates(folder: str) -> list[tuple]:
    """Count of every value per desk and question: what every statistic is computed from."""
    from sqlite_utils import Database

    sql = "select desk_id, question_id, value, count(*) from ratings group by 1, 2, 3"
    return Database(os.path.join(folder, "survey.sqlite3")).execute(sql).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=KINDS)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    results: dict[int, dict[str, tuple[float, float]]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "SURVEY_INSTANCE_PATH": folder}
            responses = int(size / RATINGS_PER_RESPONSE)
            subprocess.run(
                [sys.executable, "-m", "survey.cli", "demo", "--responses", str(responses)],
                env=env,
                check=True,
                capture_output=True,
            )
            from sqlite_utils import Database

            ratings = Database(os.path.join(folder, "survey.sqlite3")).table("ratings").count
            say(f"{ratings:,} ratings ({responses:,} responses)")
            kinds = ["baseline", *[k for k in args.kinds if k != "baseline"]]
            if "import-csv" in kinds and "csv" not in kinds:
                kinds.insert(1, "csv")  # the import reads the csv export
            results[size] = {kind: run(kind, env, folder) for kind in kinds}
            if "import-csv" in kinds:
                same = aggregates(folder) == aggregates(os.path.join(folder, "empty"))
                say(f"  import-csv: aggregates identical to the source: {same}")
            base = results[size]["baseline"][0]
            for kind, (peak, seconds) in results[size].items():
                say(
                    f"  {kind:13} peak {peak:7.1f} MiB  x{peak / base:4.2f} of baseline  {seconds:6.1f} s"
                )
    if len(args.sizes) == 2:
        small, large = args.sizes
        say(f"peak memory {large:,} / {small:,} ratings:")
        for kind in results[small]:
            say(f"  {kind:14} x{results[large][kind][0] / results[small][kind][0]:.2f}")
    # docs/performance.md (written by `python -m bench`) includes this output.
    RESULT.parent.mkdir(exist_ok=True)
    command = " ".join(["python -m bench.export_memory", *sys.argv[1:]])
    RESULT.write_text(
        f"`{command}` on {datetime.date.today().isoformat()}:\n\n```\n"
        + "\n".join(lines)
        + "\n```\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
