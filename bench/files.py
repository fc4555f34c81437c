"""Benchmarks 4 and 5: exports (CSV, XLSX) and `survey import`, each a real child process.

Time and peak memory (RSS) are those of the command alone (see common.measure_child). The CSV
baseline is the sqlite3 shell writing the same rows with `.mode csv` from a flat table that
holds exactly the export's rows in its order (FLAT_TABLE, made once in the cached benchmark
database with CREATE TABLE ... AS the export's join): the cost of writing CSV alone, without the
join and the sort that `survey export` does. Until 2026-12 the baseline was the shell running the
export's join itself (about twice as fast a baseline as the flat table is not). The import
baseline is raw `executemany` of the same rows into the same schema in one transaction.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

from . import common, data
from .common import SURVEY, instance_env, measure_child, survey

# The rows and order of `survey export` (store.iter_ratings), for the sqlite3 shell.
EXPORT_SQL = (
    "select r.response_id, r.submitted_at, r.desk_id as desk, r.question_id as question, r.value,"
    " p.language, p.tablet from ratings r join responses p on p.id = r.response_id"
    " order by r.submitted_at, r.response_id, r.desk_id, r.question_id;"
)


# The export's rows, materialised once per cached database for the shell's baseline.
FLAT_TABLE = "bench_export_flat"


def flat_table(path: Path) -> None:
    """Create FLAT_TABLE (the export's rows, in its order) in a cached database if missing."""
    with sqlite3.connect(path) as db:
        db.execute(f"create table if not exists {FLAT_TABLE} as {EXPORT_SQL.rstrip(';')}")
    db.close()


def export(total: int, in_period: int, fmt: str, scratch: Path) -> tuple[float, float, Path]:
    """`survey export --format fmt` of every rating: (seconds, peak MB, file)."""
    instance = data.database(total, in_period)
    out = scratch / f"ratings-{total}.{fmt}"
    cmd = [SURVEY, "export", "--format", fmt, "-o", str(out)]
    took, peak, _ = measure_child(cmd, env=instance_env(instance))
    return took, peak, out


def sqlite_csv(total: int, in_period: int, scratch: Path) -> tuple[float, float]:
    """The sqlite3 shell's `.mode csv` export of the same rows from FLAT_TABLE: (seconds, peak MB)."""
    path = data.database(total, in_period) / "survey.sqlite3"
    flat_table(path)
    out = scratch / f"sqlite3-{total}.csv"
    with open(out, "w") as handle:
        cmd = ["sqlite3", "-readonly", "-csv", "-header", str(path), f"select * from {FLAT_TABLE};"]
        took, peak, _ = measure_child(cmd, stdout=handle)
    return took, peak


def demo(responses: int, scratch: Path) -> tuple[float, int]:
    """`survey demo --responses N` into a new instance: (seconds, ratings written)."""
    instance = scratch / "demo-instance"
    survey(instance, "init")
    took, _, _ = measure_child(
        [SURVEY, "demo", "--responses", str(responses)], env=instance_env(instance)
    )
    with sqlite3.connect(instance / "survey.sqlite3") as db:
        return took, db.execute("select count(*) from ratings").fetchone()[0]


def lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def import_file(csv_path: Path, scratch: Path) -> tuple[float, float]:
    """`survey import` of a ratings CSV into a new, empty instance: (seconds, peak MB)."""
    instance = scratch / "import-instance"
    survey(instance, "init")
    took, peak, _ = measure_child([SURVEY, "import", str(csv_path)], env=instance_env(instance))
    return took, peak


def raw_import(csv_path: Path, scratch: Path) -> tuple[float, float]:
    """The baseline: executemany of the same rows in one transaction: (seconds, peak MB)."""
    db_path = scratch / "raw-import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "bench.files", str(csv_path), str(db_path)]
    took, peak, _ = measure_child(cmd, env=common.instance_env(scratch / "unused"))
    return took, peak


def _raw_import(csv_path: str, db_path: str) -> None:
    """Parse the CSV, insert responses and ratings with executemany, one transaction."""
    from sqlite_utils import Database

    from survey import questionnaire, store

    db = store.configure(Database(db_path))
    store.migrate(db)
    store.sync_questionnaire(db, questionnaire.load(common.ROOT / "questions.yaml"))
    conn: sqlite3.Connection = db.conn
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        ratings, responses = [], {}
        for rid, at, desk, question, value, language, tablet in rows:
            ratings.append((rid, desk, question, int(value), at))
            if rid not in responses:
                responses[rid] = (rid, at, language, f'["{desk}"]', tablet, rid)
    with db.atomic():
        conn.executemany(
            "insert into responses (id, submitted_at, language, desks, tablet, fingerprint)"
            " values (?, ?, ?, ?, ?, ?)",
            responses.values(),
        )
        conn.executemany(data.INSERT_RATING, ratings)


if __name__ == "__main__":
    _raw_import(sys.argv[1], sys.argv[2])
