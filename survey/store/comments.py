"""Comments: tags, curation (select, reject, approve, edit) and purging."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from .. import clock
from .responses import file_pending
from .sql import where


def comment_ids_with_text(db: Database, question_id: str, text: str) -> list[int]:
    """Ids of comments on a question with exactly this text, oldest first."""
    sql = "select id from comments where question_id = ? and text = ? order by id"
    return [row[0] for row in db.execute(sql, [question_id, text]).fetchall()]


def set_comment_status(db: Database, comment_id: int, status: str, by: str) -> None:
    """Mark a comment pending, selected or rejected."""
    db.execute(
        "update comments set status = ?, selected_by = ?, reviewed_at = ? where id = ?",
        [status, by if status == "selected" else None, clock.stamp(), comment_id],
    )


def selected_quotes(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    require_approval: bool = False,
) -> list[dict[str, Any]]:
    """Publishable quotes in [start, end): selected (and approved, under the four-eyes rule).

    Rows have id, desk_id, question_id, text, language, label, submitted_at; ordered by
    question, desk, time. A text selected more than once under a question (many clients wrote
    "No issues yet.") is one quote: its earliest copy. This is what the dashboard and the
    report show.
    """
    clause, params = where(
        ("status = 'selected'", True),
        ("approved_by is not null", require_approval),
        ("submitted_at >= ?", start),
        ("submitted_at < ?", end),
        ("(desk_id is null or desk_id in (?))", desks),
    )
    return list(
        db.query(
            "select id, desk_id, question_id, text, language, label, submitted_at from"
            " (select *, row_number() over (partition by question_id, text"
            "  order by submitted_at, id) as copy"
            f" from comments {clause}) where copy = 1"
            " order by question_id, desk_id, submitted_at, id",
            params,
        )
    )


QUEUE_COLUMNS = (
    "c.id, c.response_id, c.desk_id, c.question_id, c.text, c.redactions, c.language,"
    " c.polarity, c.label, c.status, c.selected_by, c.approved_by, c.reviewed_at,"
    " c.submitted_at"
)


def comment_queue(
    db: Database,
    *,
    desk: str | None = None,
    question: str | None = None,
    label: str | None = None,
    language: str | None = None,
    start: str | None = None,
    end: str | None = None,
    status: str | None = None,
    unhappy_desks: Iterable[str] = (),
    improvement_questions: Iterable[str] = (),
    topic: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """One page of comments for curation, suggested quotes first, and the total count.

    A comment is suggested when it is short (at most 140 characters), holds no placeholder,
    and represents its desk: clearly positive (polarity >= 0.3) where the desk's clients are
    mostly satisfied, clearly negative at the `unhappy_desks` (NULL desk, a question asked
    once per survey, is judged by the whole instance under the key "*"); or it is clearly
    constructive (a negative or neutral remark of some length under a question whose role is
    improvement, `improvement_questions`). `desk` keeps the comments given at that desk and the
    answers to questions asked once per survey whose response visited it; `topic` keeps the
    comments about that topic. Then one copy of each distinct text before repeats, shorter first, newest first.
    """
    clause, params = where(
        # A question asked once per survey belongs to every desk its response visited (as in
        # the export and the dashboard's topic table).
        (
            "(c.desk_id = ? or (c.desk_id is null and exists (select 1 from responses p"
            " join json_each(p.desks) v where p.id = c.response_id and v.value = ?)))",
            desk,
        ),
        ("c.question_id = ?", question),
        ("c.label = ?", label),
        ("c.language = ?", language),
        ("c.status = ?", status),
        ("c.submitted_at >= ?", start),
        ("c.submitted_at < ?", end),
        ("exists (select 1 from json_each(coalesce(c.topics, '[]')) t where t.value = ?)", topic),
    )
    total = db.execute(f"select count(*) from comments c {clause}", params).fetchone()[0]
    # Never an empty "in ()": an empty list becomes one id no desk has ("" is never a desk).
    unhappy = sorted(set(unhappy_desks)) or [""]
    marks = ", ".join("?" for _ in unhappy)
    improving = sorted(set(improvement_questions)) or [""]
    improving_marks = ", ".join("?" for _ in improving)
    # A copy of a text already selected under the same question adds nothing: never suggested.
    # One key per (question, text): a scalar IN over a subquery is built once, with an index,
    # where a row-value IN or a join on a CTE was scanned once per comment (6x slower).
    suggested = (
        "(length(c.text) <= 140 and c.text not like '%[%]%'"
        " and (c.status = 'selected' or c.question_id || char(31) || c.text not in"
        "  (select question_id || char(31) || text from comments where status = 'selected'))"
        " and ("
        f" (coalesce(c.desk_id, '*') not in ({marks}) and c.polarity >= 0.3)"
        f" or (coalesce(c.desk_id, '*') in ({marks}) and c.label = 'negative')"
        f" or (c.question_id in ({improving_marks}) and c.label in ('negative', 'neutral')"
        "     and length(c.text) >= 15)))"
    )
    rows = list(
        db.query(
            f"select {QUEUE_COLUMNS}, {suggested} as suggested,"
            " row_number() over (partition by c.text order by c.submitted_at desc, c.id desc)"
            f" as copy from comments c {clause}"
            " order by suggested desc, copy, length(c.text), c.submitted_at desc, c.id desc"
            " limit ? offset ?",
            [*unhappy, *unhappy, *improving, *params, limit, offset],
        )
    )
    return rows, total


def get_comment(db: Database, comment_id: int) -> dict[str, Any] | None:
    """One comment, or None."""
    return next(
        db.query(f"select {QUEUE_COLUMNS} from comments c where c.id = ?", [comment_id]), None
    )


def curate_comment(db: Database, comment_id: int, status: str, by: str) -> None:
    """Select, reject or return a comment to pending; any change of state drops an approval."""
    with db.atomic():
        set_comment_status(db, comment_id, status, by)
        db.execute("update comments set approved_by = null where id = ?", [comment_id])


def approve_quote(db: Database, comment_id: int, by: str) -> bool:
    """Four-eyes approval by someone other than the selector; False if not allowed."""
    cursor = db.execute(
        "update comments set approved_by = ?, reviewed_at = ? where id = ? and status = 'selected'"
        " and selected_by is not null and selected_by != ?",
        [by, clock.stamp(), comment_id, by],
    )
    return cursor.rowcount == 1


def edit_comment_text(db: Database, comment_id: int, text: str, redactions: int) -> None:
    """Replace a comment's shown text (already checked to be a shortening or redaction)."""
    db.execute(
        "update comments set text = ?, redactions = redactions + ? where id = ?",
        [text, redactions, comment_id],
    )


COMMENT_TAGS = (
    "select c.id, c.question_id, c.text, c.language, c.polarity, c.subjectivity, c.label,"
    " c.topics, r.language as response_language from comments c"
    " join responses r on r.id = c.response_id"
)


def iter_comment_tags(db: Database) -> Iterator[dict[str, Any]]:
    """Every comment's id, question, text and current tags (for `survey retag`)."""
    return db.query(f"{COMMENT_TAGS} order by c.id")


def untagged_comments(db: Database, limit: int) -> list[dict[str, Any]]:
    """The oldest `limit` comments not tagged yet (topics NULL), with what tagging needs."""
    return list(db.query(f"{COMMENT_TAGS} where c.topics is null order by c.id limit ?", [limit]))


def has_untagged_comments(db: Database) -> bool:
    """True while some comment waits to be tagged (one probe of a partial index)."""
    return db.execute("select 1 from comments where topics is null limit 1").fetchone() is not None


def set_comment_tags(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Store new language/polarity/subjectivity/label/topics for comments, by id, in one go."""
    with db.atomic():
        db.conn.executemany(
            "update comments set language = :language, polarity = :polarity,"
            " subjectivity = :subjectivity, label = :label, topics = :topics where id = :id",
            list(rows),
        )


def purge_comments(db: Database, before: str) -> int:
    """Delete free text submitted before `before` (ratings and choices stay); return the count.

    Comments still waiting in their surveys are filed first, so they are purged too. The text
    must be gone from the disk, not only from the table: every connection overwrites what it
    frees (secure_delete, schema.configure), and a truncating checkpoint empties the WAL that
    still holds the old pages.
    """
    file_pending(db)
    with db.atomic():
        cursor = db.execute("delete from comments where submitted_at < ?", [before])
    db.execute("pragma wal_checkpoint(truncate)")
    return cursor.rowcount
