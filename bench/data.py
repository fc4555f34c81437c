"""Benchmark databases: 3 desks, 2 years of ratings, cached under bench/.cache/.

`survey demo` makes realistic data (comments, choices, figures) at about 20k responses/s; the
5M-rating database needs a leaner path, so this writes responses and ratings straight into the
real schema with executemany, in time order (every index but one is then appended to), with a
fixed number of ratings inside the benchmark period whatever the total: the period queries must
cost the same at 100k, 1M and 5M stored ratings.
"""

from __future__ import annotations

import random
import shutil
import time
from calendar import timegm
from pathlib import Path

from sqlite_utils import Database

from survey import clock, questionnaire, store

from .common import CACHE, ROOT

VERSION = 1  # bump when the generated data changes, to rebuild the cache
ZONE = "Europe/Amsterdam"
FIRST, PERIOD = "2019-07-01", ("2021-06-01", "2021-06-30")  # the period: local days, inclusive
VALUES = (1, 2, 3, 4, 5)
WEIGHTS = (1, 1, 4, 16, 78)
INSERT_RATING = (
    "insert into ratings (response_id, desk_id, question_id, value, submitted_at)"
    " values (?, ?, ?, ?, ?)"
)


def period_bounds() -> tuple[str, str]:
    """Stored-timestamp bounds [start, end) of the benchmark period."""
    return clock.day_range(*(clock.parse_day(d) for d in PERIOD), ZONE)


def _epoch(stamp: str) -> int:
    return timegm(time.strptime(stamp, clock.STORED_FORMAT))


def database(total: int, in_period: int) -> Path:
    """The instance folder of a database with `total` ratings, `in_period` in the period."""
    folder = CACHE / f"db-v{VERSION}-{total}-{in_period}"
    if (folder / "survey.sqlite3").exists():
        return folder
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    started = time.perf_counter()
    generate(building / "survey.sqlite3", total, in_period)
    building.rename(folder)
    print(f"  generated {total:,} ratings in {time.perf_counter() - started:.1f}s", flush=True)
    return folder


def generate(path: Path, total: int, in_period: int, seed: int = 8) -> None:
    """Write `total` ratings (and their responses) into a new database at `path`."""
    survey = questionnaire.load(ROOT / "questions.yaml")
    db = store.configure(Database(path))
    store.migrate(db)
    store.sync_questionnaire(db, survey)
    desks = [d.id for d in survey.desks]
    asked = {d: [q.id for q in survey.desk_questions(d, ("rating",))] for d in desks}
    per_cycle = sum(len(asked[d]) for d in desks)  # ratings in one round of the three desks
    start, end = period_bounds()
    outside = max(total - in_period, 0)
    # Responses before the period, then inside it, evenly spaced in time.
    spans = [(_epoch(clock.stamp(clock.parse_timestamp(FIRST + "T08:00:00Z"))), _epoch(start),
              outside), (_epoch(start), _epoch(end), min(in_period, total))]  # fmt: skip
    rng = random.Random(seed)
    values = rng.choices(VALUES, WEIGHTS, k=4096)
    responses, ratings = [], []
    number = 0
    for first, last, count in spans:
        n_responses = max(1, round(count * len(desks) / per_cycle))
        step = (last - first) / n_responses
        made = 0
        for i in range(n_responses):
            if made >= count:
                break
            desk = desks[number % len(desks)]
            at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(first + int(i * step)))
            rid = f"{number:08x}-0000-4000-8000-{seed:012x}"
            responses.append((rid, at, "en" if number % 4 else "nl", f'["{desk}"]', rid))
            for question in asked[desk][: count - made]:
                ratings.append((rid, desk, question, values[len(ratings) & 4095], at))
                made += 1
            number += 1
    db.execute("PRAGMA journal_mode = DELETE")  # one big load: no WAL copy of every page
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA foreign_keys = OFF")  # every key is made right here, in order
    db.execute("PRAGMA cache_size = -300000")
    with db.atomic():
        db.conn.executemany(
            "insert into responses (id, submitted_at, language, desks, fingerprint, tablet,"
            " source) values (?, ?, ?, ?, ?, 'Bench', 'demo')",
            responses,
        )
        del responses
        db.conn.executemany(INSERT_RATING, ratings)
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
