"""Streaming and paged reads of ratings and comments for exports and the read API."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database

from .sql import where

RATING_COLUMNS = ("response_id", "submitted_at", "desk", "question", "value", "language", "tablet")


def iter_ratings(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> Iterator[tuple]:
    """Stream ratings in the long export shape (RATING_COLUMNS), oldest first (a cursor).

    Survey by survey (surveys of the same second in the order they were stored), each one's
    ratings by desk and question: the order of the indexes read, so SQLite sorts nothing. (Ties
    broken by response id took a sort of every row, a quarter of a 1M-rating export.) A rating
    carries its survey's submitted_at, so the period is read from the surveys' time index.
    """
    columns = (
        "r.response_id, r.submitted_at, r.desk_id, r.question_id, r.value, p.language, p.tablet"
    )
    return _ratings(db, columns, start, end, desks, questions)


# RATING_COLUMNS joined by commas, ending in CRLF. Every cell but the tablet's name is an id
# (questionnaire.ID_PATTERN), a UUID, a stored time, a whole number or a language code: no comma,
# quote or line break. A missing tablet is an empty cell, as csv.writer writes None.
RATING_LINE = (
    "r.response_id || ',' || r.submitted_at || ',' || r.desk_id || ',' || r.question_id"
    " || ',' || r.value || ',' || p.language || ',' || coalesce(p.tablet, '') || char(13, 10)"
)


def iter_rating_lines(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> Iterator[tuple[str]]:
    """The rows of iter_ratings, each as one CSV line built by SQLite (a cursor of 1-tuples).

    One string per rating instead of seven values: the CSV export's largest cost. The tablet's
    name may still need quoting or neutralising (exports.csv_line_chunks checks)."""
    return _ratings(db, RATING_LINE, start, end, desks, questions)


def _ratings(db: Database, columns: str, start, end, desks, questions) -> Iterator[tuple]:
    clause, params = where(
        ("p.submitted_at >= ?", start),
        ("p.submitted_at < ?", end),
        ("r.desk_id in (?)", desks),
        ("r.question_id in (?)", questions),
    )
    # The cursor itself: exports fetch from it in large batches (fetchmany). CROSS JOIN keeps
    # the surveys outside, whatever the planner's statistics say.
    return db.execute(
        f"select {columns} from responses p cross join ratings r on r.response_id = p.id"
        f" {clause} order by p.submitted_at, p.rowid, r.desk_id, r.question_id",
        params,
    )


COMMENT_COLUMNS = (
    "response_id",
    "submitted_at",
    "desk",
    "question",
    "text",
    "language",
    "label",
    "polarity",
    "status",
    "topics",  # topic ids separated by spaces (last, so that older exports still import)
)


# A comment's topics (stored as a JSON array) as one cell: ids separated by spaces.
TOPIC_LIST = (
    "(select coalesce(group_concat(t.value, ' '), '') from json_each(coalesce(c.topics, '[]')) t)"
)


def iter_comments(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> Iterator[tuple]:
    """Stream comments (already redacted) in the export shape (COMMENT_COLUMNS), oldest first.

    With a desk filter, an open question asked once per survey (no desk) comes along when its
    response visited one of those desks: the IND export holds what IND's clients wrote.
    """
    clause, params = where(
        ("c.submitted_at >= ?", start),
        ("c.submitted_at < ?", end),
        (
            "(c.desk_id in (?) or (c.desk_id is null and exists"
            " (select 1 from json_each(p.desks) v where v.value in (?))))",
            desks,
        ),
        ("c.question_id in (?)", questions),
    )
    yield from db.execute(
        "select c.response_id, c.submitted_at, c.desk_id, c.question_id, c.text,"
        " coalesce(c.language, p.language), c.label, c.polarity, c.status,"
        f" {TOPIC_LIST} from comments c join responses p on p.id = c.response_id {clause}"
        " order by c.submitted_at, c.response_id, c.id",
        params,
    )


def ratings_page(
    db: Database,
    after: int,
    limit: int,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> list[tuple]:
    """One page of ratings after rating id `after` (keyset on the primary key, no OFFSET).

    Rows are (id, *RATING_COLUMNS); the last id is the next page's `after`.
    """
    clause, params = where(
        ("r.id > ?", after),
        ("r.submitted_at >= ?", start),
        ("r.submitted_at < ?", end),
        ("r.desk_id in (?)", desks),
        ("r.question_id in (?)", questions),
    )
    return db.execute(
        "select r.id, r.response_id, r.submitted_at, r.desk_id, r.question_id, r.value,"
        " p.language, p.tablet from ratings r join responses p on p.id = r.response_id"
        f" {clause} order by r.id limit ?",
        [*params, limit],
    ).fetchall()
