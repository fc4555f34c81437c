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
    """Stream ratings in the long export shape (RATING_COLUMNS), oldest first (a cursor)."""
    clause, params = where(
        ("r.submitted_at >= ?", start),
        ("r.submitted_at < ?", end),
        ("r.desk_id in (?)", desks),
        ("r.question_id in (?)", questions),
    )
    # The cursor itself: exports fetch from it in large batches (fetchmany).
    return db.execute(
        "select r.response_id, r.submitted_at, r.desk_id, r.question_id, r.value,"
        " p.language, p.tablet from ratings r join responses p on p.id = r.response_id"
        f" {clause} order by r.submitted_at, r.response_id, r.desk_id, r.question_id",
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
