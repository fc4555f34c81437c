"""Value counts and other aggregates the dashboard, report and alerts read."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from .sql import _range_clause, where


def rating_distribution(
    db: Database, start: str | None = None, end: str | None = None, desks: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Counts of each value per desk and question in [start, end): the input of every statistic.

    Five counts per desk and question are enough for mean, n, CSAT, CI and distribution, so the
    database does the heavy lifting on a covering index and Python only sees a few rows.
    """
    clause, params = where(
        ("submitted_at >= ?", start), ("submitted_at < ?", end), ("desk_id in (?)", desks)
    )
    return db.query(
        f"select desk_id, question_id, value, count(*) as n from ratings {clause}"
        " group by desk_id, question_id, value",
        params,
    )


def unhappy_desks(db: Database, threshold: float = 0.5) -> list[str]:
    """Desks whose ratings are mostly 1-3 (and "*" when all ratings together are)."""
    rows = db.execute(
        "select desk_id, sum(case when value >= 4 then n else 0 end), sum(n) from"
        " (select desk_id, value, count(*) as n from ratings group by desk_id, value)"
        " group by desk_id"
    ).fetchall()
    unhappy = [desk for desk, high, total in rows if total and high / total < threshold]
    high_all, total_all = sum(r[1] for r in rows), sum(r[2] for r in rows)
    if total_all and high_all / total_all < threshold:
        unhappy.append("*")
    return unhappy


def bucket_value_counts(
    db: Database,
    keys: Iterable[tuple[str, str, int]],
    bounds: list[tuple[str | None, str | None]],
) -> list[tuple[int, str, str, int, int]]:
    """(bucket, desk, question, value, count) for each (desk, question, value) key and each
    time bucket [start, end) in `bounds` (e.g. the local calendar months of a trend).

    One statement of index seeks on ratings_by_desk (desk, question, value, time): every rating
    is stepped over once, with no sort and no per-row expression, so it costs about what the
    bare aggregate costs (GROUP BY on a time expression would sort every row).
    """
    cells = [
        [index, desk, question, value, start or "", end or "~"]
        for desk, question, value in keys
        for index, (start, end) in enumerate(bounds)
    ]
    if not cells:
        return []
    return db.execute(
        "with k(b, d, q, v, lo, hi) as (select value ->> 0, value ->> 1, value ->> 2,"
        " value ->> 3, value ->> 4, value ->> 5 from json_each(?))"
        " select b, d, q, v, (select count(*) from ratings where desk_id = k.d"
        " and question_id = k.q and value = k.v and submitted_at >= k.lo"
        " and submitted_at < k.hi) from k",
        [json.dumps(cells)],
    ).fetchall()


def hourly_desk_sums(
    db: Database, start: str | None = None, end: str | None = None, desks: list[str] | None = None
) -> list[tuple]:
    """(UTC hour 'YYYY-MM-DDTHH', desk, n, sum of values) of ratings in [start, end).

    Callers fold the hours into local weekday x hour cells (time zones and DST stay in Python);
    a desk is open a few thousand hours a year, so the rows stay few next to the ratings.
    """
    clause, params = _range_clause("submitted_at", start, end, desks, "desk_id")
    return db.execute(
        "select substr(submitted_at, 1, 13) as hour, desk_id, count(*), sum(value)"
        f" from ratings {clause} group by hour, desk_id",
        params,
    ).fetchall()


def comment_label_counts(
    db: Database, start: str | None = None, end: str | None = None, desks: list[str] | None = None
) -> list[tuple]:
    """(desk or None, label or None, count) of comments in [start, end)."""
    clause, params = _range_clause("submitted_at", start, end, None, "desk_id")
    if desks:
        joiner = "and" if clause else "where"
        clause += f" {joiner} (desk_id is null or desk_id in ({', '.join('?' for _ in desks)}))"
        params.extend(desks)
    return db.execute(
        f"select desk_id, label, count(*) from comments {clause} group by desk_id, label",
        params,
    ).fetchall()


def responses_per_desk(db: Database, start: str | None, end: str | None) -> dict[str, int]:
    """Desk -> number of responses that visited it in [start, end).

    Grouped by the stored desk list (a handful of distinct combinations), then split per desk
    here: 2-3x faster than json_each over every response.
    """
    clause, params = _range_clause("submitted_at", start, end, None, "")
    counts: dict[str, int] = {}
    for desks, n in db.execute(
        f"select desks, count(*) from responses {clause} group by desks", params
    ).fetchall():
        for desk in json.loads(desks):
            counts[desk] = counts.get(desk, 0) + n
    return counts


def visit_counts(
    db: Database, start: str | None, end: str | None, desks: list[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Desk -> (armed visits, visits answered with a response) in [start, end)."""
    clause, params = _range_clause("armed_at", start, end, desks, "desk_id")
    rows = db.execute(
        f"select desk_id, count(*), count(response_id) from visits {clause} group by desk_id",
        params,
    ).fetchall()
    return {desk: (armed, answered) for desk, armed, answered in rows}


def low_rating_counts(
    db: Database, start: str, end: str | None = None, desk_id: str | None = None
) -> dict[str, tuple[int, int]]:
    """Desk -> (ratings, ratings of 1 or 2) in [start, end): the input of an alert rule."""
    clause, params = _range_clause(
        "submitted_at", start, end, [desk_id] if desk_id else None, "desk_id"
    )
    rows = db.execute(
        f"select desk_id, count(*), sum(value <= 2) from ratings {clause} group by desk_id",
        params,
    ).fetchall()
    return {desk: (n, low) for desk, n, low in rows}


def rating_time_span(db: Database) -> tuple[str | None, str | None]:
    """The first and last stored rating time (two index look-ups), or (None, None)."""
    first = db.execute("select min(submitted_at) from ratings").fetchone()[0]
    last = db.execute("select max(submitted_at) from ratings").fetchone()[0]
    return first, last


def count_ratings(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> int:
    """How many ratings an export with these filters holds (runs on the covering indexes)."""
    clause, params = where(
        ("submitted_at >= ?", start),
        ("submitted_at < ?", end),
        ("desk_id in (?)", desks),
        ("question_id in (?)", questions),
    )
    return db.execute(f"select count(*) from ratings {clause}", params).fetchone()[0]


def comment_topic_counts(
    db: Database, start: str | None = None, end: str | None = None, desks: list[str] | None = None
) -> list[tuple]:
    """(desk, topic, label, count) of tagged comments in [start, end).

    A comment on a question asked once per survey counts for every desk its response visited.
    """
    clause, params = where(
        ("c.submitted_at >= ?", start),
        ("c.submitted_at < ?", end),
        ("coalesce(c.desk_id, v.value) in (?)", desks),
    )
    return db.execute(
        "select coalesce(c.desk_id, v.value) as desk, t.value, c.label, count(*)"
        " from comments c join responses p on p.id = c.response_id"
        " join json_each(coalesce(c.topics, '[]')) t"
        " join json_each(case when c.desk_id is null then p.desks else '[null]' end) v"
        f" {clause} group by desk, t.value, c.label",
        params,
    ).fetchall()
