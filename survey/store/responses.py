"""Writing completed surveys (one at a time or in bulk) and reading them back by id.

Under `survey serve` a survey's answers wait in its response row (`pending`, JSON) and are filed
into ratings, choices and comments in batches (`file_pending`): one row per survey inside the
writers' turn instead of fifteen indexes, and the batch shares index pages between surveys
(10-15% more surveys per second in `python -m bench.ab`). The row is durable when the client is
told "created", replays and conflicts are told apart as before, and every reader of answers
files first (survey/db.py): the coordinator pages, the read API, the public overviews and
every CLI command.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlite_utils import Database

from .. import clock
from .schema import IntegrityError
from .sql import _in
from .tablets import claim_visit, tablet_seen
from .wal import turn

INSERT_RESPONSE = (
    "insert into responses (id, submitted_at, started_at, received_at, language, desks, tablet,"
    " source, fingerprint, visit_id, pending) values (:id, :submitted_at, :started_at,"
    " :received_at, :language, :desks, :tablet, :source, :fingerprint, :visit_id, :pending)"
)


INSERT_RATING = (
    "insert into ratings (response_id, desk_id, question_id, value, submitted_at)"
    " values (?, ?, ?, ?, ?)"
)


INSERT_CHOICE = (
    "insert into choices (response_id, desk_id, question_id, value, submitted_at)"
    " values (?, ?, ?, ?, ?)"
)


INSERT_COMMENT = (
    "insert into comments (response_id, desk_id, question_id, text, redactions, language,"
    " polarity, subjectivity, label, topics, status, submitted_at) values (:response_id,"
    " :desk_id, :question_id, :text, :redactions, :language, :polarity, :subjectivity, :label,"
    " :topics, 'pending', :submitted_at)"
)


# A comment stored before it is tagged (survey/tagging.py fills these; topics NULL = untagged).
UNTAGGED = {"polarity": None, "subjectivity": None, "label": None, "topics": None}


CREATED, REPLAY, CONFLICT = "created", "replay", "conflict"


class VisitTaken(Exception):
    """Another survey claimed this armed visit first; nothing of this one was stored."""


def file_answers_later(db: Database) -> None:
    """This connection's surveys leave their answers pending: `file_pending` must run elsewhere."""
    db.__dict__["_survey_file_later"] = True


def _insert_answers(db: Database, ratings: list, choices: list, comments: list) -> None:
    # An executemany costs as much with nothing to insert: most surveys have no choices.
    if ratings:
        db.conn.executemany(INSERT_RATING, ratings)
    if choices:
        db.conn.executemany(INSERT_CHOICE, choices)
    if comments:
        db.conn.executemany(INSERT_COMMENT, comments)


def _answer_rows(rid: str, at: str, ratings, choices, comments) -> tuple[list, list, list]:
    """The rows of one survey's answers as INSERT_RATING, INSERT_CHOICE, INSERT_COMMENT take them."""
    return (
        [(rid, d, q, v, at) for d, q, v in ratings],
        [(rid, d, q, v, at) for d, q, v in choices],
        [{**UNTAGGED, **c, "response_id": rid, "submitted_at": at} for c in comments],
    )


def save_response(
    db: Database,
    response: dict[str, Any],
    ratings: Iterable[tuple[str, str, int]],
    choices: Iterable[tuple[str | None, str, str]] = (),
    comments: Iterable[dict[str, Any]] = (),
    tablet_id: int | None = None,
) -> str:
    """Store one response with its answers in one transaction; say created, replay or conflict.

    `ratings` are (desk, question, value), `choices` (desk, question, option), `comments` dicts
    with desk_id, question_id, text (already redacted), language and, when tagged, the tags.
    The sending tablet's last contact is recorded in the same transaction: one commit per
    survey, not two. Writers take turns (wal.turn) rather than collide in SQLite. On a
    connection that files answers later (`file_answers_later`) they wait in `pending`.
    """
    response = {
        "started_at": None,
        "received_at": clock.stamp(),
        "visit_id": None,
        "pending": None,
        **response,
    }
    rid, at = response["id"], response["submitted_at"]
    rows = _answer_rows(rid, at, ratings, choices, comments)
    later = db.__dict__.get("_survey_file_later", False)
    if later:
        response["pending"] = json.dumps(rows)
    try:
        with turn(db), db.atomic():
            db.execute(INSERT_RESPONSE, response)
            if not later:
                _insert_answers(db, *rows)
            if response["visit_id"] is not None and not claim_visit(db, response["visit_id"], rid):
                raise VisitTaken(response["visit_id"])
            if tablet_id is not None:
                tablet_seen(db, tablet_id)
    except IntegrityError:
        row = db.execute("select fingerprint from responses where id = ?", [rid]).fetchone()
        if row is None:
            raise
        if tablet_id is not None:
            tablet_seen(db, tablet_id)
        return REPLAY if row[0] == response["fingerprint"] else CONFLICT
    return CREATED


FILE_BATCH = 50  # surveys filed per transaction: about 3 ms of the writers' turn
FILE_PAUSE = 0.005  # seconds between two batches, so that surveys waiting for the turn go first


def has_pending(db: Database) -> bool:
    """True while some survey's answers wait to be filed (one probe of a partial index)."""
    return (
        db.execute("select 1 from responses where pending is not null limit 1").fetchone()
        is not None
    )


class AnswersNotFiled(Exception):
    """Surveys whose answers the tables refused (`ids`); they stay waiting, safe in their rows."""

    def __init__(self, ids: list[str], error: Exception):
        super().__init__(f"{len(ids)} survey(s) left waiting: {error}")
        self.ids = ids


def _file(db: Database, ids: list[str]) -> None:
    """Insert these surveys' waiting answers and mark them filed, all or none (a savepoint)."""
    wanted = json.dumps(ids)
    ratings, choices, comments = [], [], []
    for (pending,) in db.execute(
        "select pending from responses where id in (select value from json_each(?))"
        " and pending is not null order by received_at, rowid",
        [wanted],
    ):
        survey_ratings, survey_choices, survey_comments = json.loads(pending)
        ratings += survey_ratings
        choices += survey_choices
        comments += survey_comments
    with db.atomic():
        _insert_answers(db, ratings, choices, comments)
        db.execute(
            "update responses set pending = null where id in (select value from json_each(?))",
            [wanted],
        )


def file_pending(db: Database, batch: int = FILE_BATCH) -> int:
    """File every survey's waiting answers, oldest first, `batch` surveys per transaction.

    Return how many surveys were filed. Each batch takes the writers' turn, so filing never
    collides with a survey being stored, and a survey is filed whole or not at all. Validation
    let every waiting answer in, so the tables should take them all; a survey they refuse all
    the same is left waiting, the others are filed, and AnswersNotFiled names it at the end.
    """
    if not has_pending(db):  # the usual case, and no write transaction for it
        return 0
    filed, refused, error = 0, [], None
    while True:
        with turn(db), db.atomic():
            waiting = [
                row[0]
                for row in db.execute(
                    "select id from responses where pending is not null"
                    " and id not in (select value from json_each(?)) order by received_at limit ?",
                    [json.dumps(refused), batch],
                )
            ]
            try:
                _file(db, waiting)
                filed += len(waiting)
            except IntegrityError:
                done, error = _file_one_at_a_time(db, waiting, refused)
                filed += done
        if len(waiting) < batch:
            break
        time.sleep(FILE_PAUSE)
    if refused:
        raise AnswersNotFiled(refused, error)
    return filed


def _file_one_at_a_time(db: Database, ids: list[str], refused: list[str]):
    """File these surveys each on its own, to find the ones the tables refuse (added to
    `refused`); return how many were filed and the last refusal."""
    filed, error = 0, None
    for survey in ids:
        try:
            _file(db, [survey])
            filed += 1
        except IntegrityError as refusal:
            refused.append(survey)
            error = refusal
    return filed, error


def response_count(db: Database) -> int:
    """How many responses are stored."""
    return db.execute("select count(*) from responses").fetchone()[0]


def get_response(db: Database, response_id: str) -> dict[str, Any] | None:
    """One response with its ratings, choices and comments, or None."""
    rows = list(db.query("select * from responses where id = ?", [response_id]))
    if not rows:
        return None
    response = rows[0]
    for table in ("ratings", "choices", "comments"):
        response[table] = list(
            db.query(f"select * from {table} where response_id = ? order by id", [response_id])
        )
    return response


BATCH = 5000


BULK_CACHE_KIB = -256_000  # SQLite's negative cache_size is in KiB: at most 256 MB, while loading


def insert_responses(db: Database, rows: Iterable[tuple[dict, list, list, list]]) -> int:
    """Insert many (response, ratings, choices, comments) in one transaction; return the count.

    executemany in batches: the per-row cost of sqlite-utils' insert() would dominate at a
    million rows. Any error rolls everything back, so nothing is half-imported.
    """
    count = 0
    responses, ratings, choices, comments = [], [], [], []

    def flush():
        db.conn.executemany(INSERT_RESPONSE, responses)
        db.conn.executemany(INSERT_RATING, ratings)
        db.conn.executemany(INSERT_CHOICE, choices)
        db.conn.executemany(INSERT_COMMENT_WITH_STATUS, comments)
        for batch in (responses, ratings, choices, comments):
            batch.clear()

    # Random UUIDs land all over the indexes; with SQLite's default 2 MB page cache each batch
    # reads the same index pages again. A larger cache for this one load: about 1.5x faster.
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        with db.atomic():
            for response, response_ratings, response_choices, response_comments in rows:
                rid, at = response["id"], response["submitted_at"]
                responses.append(
                    {"started_at": None, "visit_id": None, "pending": None, **response}
                )
                ratings.extend((rid, d, q, v, at) for d, q, v in response_ratings)
                choices.extend((rid, d, q, v, at) for d, q, v in response_choices)
                comments.extend(
                    {
                        "status": "pending",
                        "topics": None,
                        **c,
                        "response_id": rid,
                        "submitted_at": at,
                    }
                    for c in response_comments
                )
                count += 1
                if len(ratings) >= BATCH:
                    flush()
            flush()
    finally:
        db.execute(f"PRAGMA cache_size = {int(previous)}")
    db.execute("ANALYZE")
    return count


INSERT_COMMENT_WITH_STATUS = INSERT_COMMENT.replace("'pending'", ":status")


def stored_responses(db: Database, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """id -> {submitted_at, language, tablet, desks} for those of `ids` already stored."""
    found: dict[str, dict[str, Any]] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        batch = ids[i : i + 500]
        for row in db.query(
            "select id, submitted_at, language, tablet, desks from responses"
            f" where {_in('id', batch)}",
            batch,
        ):
            row["desks"] = json.loads(row["desks"])
            found[row.pop("id")] = row
    return found


def stored_answers(db: Database, table: str, ids: Iterable[str]) -> dict[tuple, Any]:
    """(response, desk, question) -> value (ratings) or text (comments) for these responses."""
    column = {"ratings": "value", "comments": "text"}[table]
    found: dict[tuple, Any] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        batch = ids[i : i + 500]
        for rid, desk, question, value in db.execute(
            f"select response_id, desk_id, question_id, {column} from {table}"
            f" where {_in('response_id', batch)}",
            batch,
        ):
            found[(rid, desk, question)] = value
    return found


def import_answers(
    db: Database,
    responses: Iterable[dict[str, Any]],
    ratings: Iterable[tuple[str, str, str, int, str]],
    comments: Iterable[dict[str, Any]],
    updates: Iterable[dict[str, Any]],
) -> None:
    """Write validated import rows in one transaction: all of them or (on any error) none.

    `responses` are new response rows, `ratings` (response, desk, question, value, time),
    `comments` full comment rows, `updates` {id, desks, tablet} for responses already stored
    that gain answers (the visited desks grow; a missing tablet label is filled in).
    """
    with db.atomic():
        db.conn.executemany(
            INSERT_RESPONSE,
            ({"started_at": None, "visit_id": None, "pending": None, **r} for r in responses),
        )
        db.conn.executemany(
            "update responses set desks = :desks, tablet = coalesce(tablet, :tablet)"
            " where id = :id",
            updates,
        )
        db.conn.executemany(INSERT_RATING, ratings)
        db.conn.executemany(
            "insert into comments (response_id, desk_id, question_id, text, redactions,"
            " language, polarity, subjectivity, label, topics, status, submitted_at) values"
            " (:response_id, :desk_id, :question_id, :text, :redactions, :language, :polarity,"
            " :subjectivity, :label, :topics, :status, :submitted_at)",
            comments,
        )


def response_exists(db: Database, response_id: str) -> bool:
    """True when a response with this id is stored (a replay is never rate-limited)."""
    return db.execute("select 1 from responses where id = ?", [response_id]).fetchone() is not None


def claim_submit_slot(db: Database, tablet_id: int, interval: int) -> int:
    """0 (and the slot is taken) when the tablet may submit now, else the seconds to wait.

    One conditional UPDATE, so two workers cannot both let the same tablet through.
    """
    now = clock.now()
    threshold = clock.stamp(now - timedelta(seconds=interval))
    cursor = db.execute(
        "update tablets set last_submit_at = ? where id = ?"
        " and (last_submit_at is null or last_submit_at <= ?)",
        [clock.stamp(now), tablet_id, threshold],
    )
    if cursor.rowcount == 1:
        return 0
    row = db.execute("select last_submit_at from tablets where id = ?", [tablet_id]).fetchone()
    if row is None or row[0] is None:
        return 0
    waited = (now - clock.parse_timestamp(row[0])).total_seconds()
    return max(1, int(interval - waited))
