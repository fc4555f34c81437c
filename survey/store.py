"""All SQL: schema, migrations, writes, aggregates and streaming reads.

Every function takes a `sqlite_utils.Database` first and knows nothing of Flask. Times are stored
as UTC strings from `survey.clock` so range filters are plain string comparisons on indexes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from sqlite_utils.utils import sqlite3

from . import clock
from .questionnaire import Option, Question, Questionnaire

IntegrityError = sqlite3.IntegrityError
migrations = Migrations("survey")


# --- schema -------------------------------------------------------------------------------------


@migrations()
def m001_core(db: Database) -> None:
    """Desks, questions, tablets, responses and their answers."""
    db.table("desks").create(
        {"id": str, "name": str, "position": int, "active": int},
        pk="id",
        not_null={"name"},
        defaults={"position": 0, "active": 1},
    )
    db.table("questions").create(
        {
            "id": str,
            "kind": str,
            "text": str,  # JSON: language -> text
            "desks": str,  # JSON list of desk ids; [] = asked once per survey
            "comment": int,
            "options": str,  # JSON list of {id, text}
            "position": int,
            "active": int,
        },
        pk="id",
        not_null={"kind", "text"},
        defaults={"comment": 0, "position": 0, "active": 1, "desks": "[]", "options": "[]"},
    )
    db.table("tablets").create(
        {
            "id": int,
            "name": str,
            "desks": str,  # JSON list of desk ids
            "mode": str,
            "pairing_hash": str,  # one-time pairing code, hashed; NULL once used
            "token_hash": str,  # the paired browser's credential, hashed
            "created_at": str,
            "paired_at": str,
            "revoked_at": str,
            "last_seen_at": str,
            "queued": int,
        },
        pk="id",
        not_null={"name", "desks", "mode", "created_at"},
        defaults={"mode": "open", "queued": 0},
    )
    db.table("tablets").create_index(["name"], unique=True, index_name="tablets_name")
    db.table("tablets").create_index(["pairing_hash"], index_name="tablets_pairing")
    db.table("responses").create(
        {
            "id": str,  # UUID minted when the survey is rendered
            "submitted_at": str,
            "started_at": str,
            "received_at": str,
            "language": str,
            "desks": str,  # JSON list of visited desks
            "tablet": str,  # the tablet's name: a free label (imports keep theirs)
            "source": str,  # kiosk, api, import, demo
            "fingerprint": str,  # hash of the content, to tell a replay from a conflict
            "visit_id": int,
        },
        pk="id",
        not_null={"submitted_at", "language", "desks", "fingerprint"},
    )
    db.table("responses").create_index(["submitted_at"], index_name="responses_time")
    db.table("ratings").create(
        {
            "id": int,
            "response_id": str,
            "desk_id": str,
            "question_id": str,
            "value": int,
            "submitted_at": str,  # copied from the response: aggregates need no join
        },
        pk="id",
        not_null={"response_id", "desk_id", "question_id", "value", "submitted_at"},
        foreign_keys=[
            ("response_id", "responses", "id"),
            ("desk_id", "desks", "id"),
            ("question_id", "questions", "id"),
        ],
    )
    ratings = db.table("ratings")
    ratings.create_index(
        ["response_id", "desk_id", "question_id"], unique=True, index_name="ratings_answer"
    )
    # Two covering indexes: period queries lead with time, all-time queries with the desk.
    ratings.create_index(
        ["submitted_at", "desk_id", "question_id", "value"], index_name="ratings_by_time"
    )
    ratings.create_index(
        ["desk_id", "question_id", "value", "submitted_at"], index_name="ratings_by_desk"
    )
    db.table("choices").create(
        {
            "id": int,
            "response_id": str,
            "desk_id": str,  # NULL for a question asked once per survey
            "question_id": str,
            "value": str,
            "submitted_at": str,
        },
        pk="id",
        not_null={"response_id", "question_id", "value", "submitted_at"},
        foreign_keys=[("response_id", "responses", "id"), ("question_id", "questions", "id")],
    )
    db.table("choices").create_index(["response_id"], index_name="choices_response")
    db.table("choices").create_index(
        ["submitted_at", "desk_id", "question_id", "value"], index_name="choices_by_time"
    )
    db.table("comments").create(
        {
            "id": int,
            "response_id": str,
            "desk_id": str,  # NULL for an open question asked once per survey
            "question_id": str,
            "text": str,  # already redacted: the raw text never reaches the database
            "redactions": int,
            "language": str,
            "polarity": float,
            "subjectivity": float,
            "label": str,  # positive / neutral / negative
            "status": str,  # pending / selected / rejected
            "selected_by": str,
            "approved_by": str,
            "reviewed_at": str,
            "submitted_at": str,
        },
        pk="id",
        not_null={"response_id", "question_id", "text", "status", "submitted_at"},
        defaults={"status": "pending", "redactions": 0},
        foreign_keys=[("response_id", "responses", "id"), ("question_id", "questions", "id")],
    )
    comments = db.table("comments")
    comments.create_index(["response_id"], index_name="comments_response")
    comments.create_index(["submitted_at"], index_name="comments_time")
    comments.create_index(["status", "desk_id", "question_id"], index_name="comments_status")


@migrations()
def m002_coordination(db: Database) -> None:
    """People, credentials, figures, notes, visits, alerts and the audit log."""
    db.table("users").create(
        {
            "id": int,
            "username": str,
            "password_hash": str,
            "role": str,  # coordinator / admin
            "created_at": str,
            "failed_logins": int,
            "locked_until": str,
            "last_login_at": str,
        },
        pk="id",
        not_null={"username", "password_hash", "role", "created_at"},
        defaults={"role": "coordinator", "failed_logins": 0},
    )
    db.table("users").create_index(["username"], unique=True, index_name="users_username")
    db.table("api_tokens").create(
        {
            "id": int,
            "name": str,
            "token_hash": str,
            "created_at": str,
            "revoked_at": str,
            "last_used_at": str,
        },
        pk="id",
        not_null={"name", "token_hash", "created_at"},
    )
    db.table("api_tokens").create_index(["name"], unique=True, index_name="api_tokens_name")
    db.table("api_tokens").create_index(["token_hash"], index_name="api_tokens_hash")
    db.table("figures").create(
        {
            "id": int,
            "desk_id": str,
            "period_start": str,  # YYYY-MM-DD, local calendar days, inclusive
            "period_end": str,
            "metric": str,  # clients, documents_issued, oss_appointments, oss_non_eu, service_*
            "value": int,
            "entered_by": str,
            "entered_at": str,
        },
        pk="id",
        not_null={"desk_id", "period_start", "period_end", "metric", "value"},
        foreign_keys=[("desk_id", "desks", "id")],
    )
    db.table("figures").create_index(
        ["desk_id", "metric", "period_start", "period_end"], unique=True, index_name="figures_key"
    )
    db.table("notes").create(
        {
            "id": int,
            "starts_on": str,
            "ends_on": str,
            "desk_id": str,  # NULL: applies to every desk
            "text": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"starts_on", "ends_on", "text", "created_at"},
    )
    db.table("visits").create(
        {
            "id": int,
            "tablet_id": int,
            "desk_id": str,
            "service": str,
            "armed_at": str,
            "armed_by": str,
            "response_id": str,
        },
        pk="id",
        not_null={"tablet_id", "desk_id", "armed_at"},
        foreign_keys=[("tablet_id", "tablets", "id")],
    )
    db.table("visits").create_index(["armed_at", "desk_id"], index_name="visits_time")
    db.table("alert_rules").create(
        {
            "id": int,
            "desk_id": str,  # NULL: every desk
            "low_share": float,  # share of 1-2 ratings that trips the rule, 0..1
            "days": int,
            "min_n": int,
            "created_by": str,
            "created_at": str,
            "active": int,
            "last_sent_at": str,
        },
        pk="id",
        not_null={"low_share", "days", "min_n", "created_at"},
        defaults={"active": 1},
    )
    db.table("audit_log").create(
        {"id": int, "at": str, "actor": str, "action": str, "subject": str, "detail": str},
        pk="id",
        not_null={"at", "actor", "action"},
    )
    db.table("audit_log").create_index(["at"], index_name="audit_log_time")


@migrations(transactional=False)
def m003_wal(db: Database) -> None:
    """WAL lets the dashboard read while tablets write."""
    db.enable_wal()


def migrate(db: Database) -> None:
    """Apply pending migrations; safe to run at every start."""
    migrations.apply(db)


def configure(db: Database) -> Database:
    """Per-connection settings; call once for every new connection."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def is_usable(db: Database) -> bool:
    """True when the database can be read and written (for /healthz).

    A read alone says ok on a full disk or a read-only file, where no survey can be stored:
    the probe commits one small write, as a survey would.
    """
    try:
        with db.atomic():
            db.execute(
                "insert or replace into health_probe (id, at) values (1, ?)", [clock.stamp()]
            )
        return db.execute("select count(*) from desks").fetchone()[0] >= 0
    except sqlite3.Error:
        if db.conn.in_transaction:
            db.conn.rollback()
        return False


# --- questionnaire sync -------------------------------------------------------------------------


def sync_questionnaire(db: Database, questionnaire: Questionnaire) -> None:
    """Mirror questions.yaml into desks/questions; removed items stay, marked inactive."""
    with db.atomic():
        db.execute("update desks set active = 0")
        db.execute("update questions set active = 0")
        db.table("desks").upsert_all(
            [
                {"id": d.id, "name": json.dumps(d.name), "position": i, "active": 1}
                for i, d in enumerate(questionnaire.desks)
            ],
            pk="id",
        )
        db.table("questions").upsert_all(
            [
                {
                    "id": q.id,
                    "kind": q.kind,
                    "text": json.dumps(q.text),
                    "desks": json.dumps(list(q.desks)),
                    "comment": int(q.comment),
                    "options": json.dumps([{"id": o.id, "text": o.text} for o in q.options]),
                    "position": q.position,
                    "active": 1,
                }
                for q in questionnaire.questions
            ],
            pk="id",
        )


def known_question_ids(db: Database) -> set[str]:
    """Every question id ever synced, active or not (imports may refer to retired ones)."""
    return {row[0] for row in db.execute("select id from questions").fetchall()}


def known_desk_ids(db: Database) -> set[str]:
    """Every desk id ever synced, active or not."""
    return {row[0] for row in db.execute("select id from desks").fetchall()}


def question_kinds(db: Database) -> dict[str, str]:
    """Question id -> kind, for every question ever synced."""
    return dict(db.execute("select id, kind from questions").fetchall())


# --- responses ----------------------------------------------------------------------------------

INSERT_RESPONSE = (
    "insert into responses (id, submitted_at, started_at, received_at, language, desks, tablet,"
    " source, fingerprint, visit_id) values (:id, :submitted_at, :started_at, :received_at,"
    " :language, :desks, :tablet, :source, :fingerprint, :visit_id)"
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

CREATED, REPLAY, CONFLICT = "created", "replay", "conflict"


class VisitTaken(Exception):
    """Another survey claimed this armed visit first; nothing of this one was stored."""


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
    with desk_id, question_id, text (already redacted) and the sentiment columns. The sending
    tablet's last contact is recorded in the same transaction: one commit per survey, not two.
    """
    response = {"started_at": None, "received_at": clock.stamp(), "visit_id": None, **response}
    rid, at = response["id"], response["submitted_at"]
    try:
        with db.atomic():
            db.execute(INSERT_RESPONSE, response)
            db.conn.executemany(INSERT_RATING, [(rid, d, q, v, at) for d, q, v in ratings])
            db.conn.executemany(INSERT_CHOICE, [(rid, d, q, v, at) for d, q, v in choices])
            db.conn.executemany(
                INSERT_COMMENT,
                [{"topics": None, **c, "response_id": rid, "submitted_at": at} for c in comments],
            )
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


def table_counts(db: Database) -> dict[str, int]:
    """Row counts of the tables that hold client answers (tests and `survey status`)."""
    return {
        table: db.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("responses", "ratings", "choices", "comments")
    }


# --- tablets ------------------------------------------------------------------------------------


def add_tablet(db: Database, name: str, desks: list[str], mode: str, pairing_hash: str) -> int:
    """Create a tablet waiting to be paired; raise IntegrityError if the name is taken."""
    db.execute(
        "insert into tablets (name, desks, mode, pairing_hash, created_at) values (?, ?, ?, ?, ?)",
        [name, json.dumps(desks), mode, pairing_hash, clock.stamp()],
    )
    return db.execute("select id from tablets where name = ?", [name]).fetchone()[0]


def _tablet_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is not None:
        row["desks"] = json.loads(row["desks"])
    return row


def get_tablet(db: Database, tablet_id: int) -> dict[str, Any] | None:
    """The tablet with this id (desks decoded), or None."""
    return _tablet_row(next(db.query("select * from tablets where id = ?", [tablet_id]), None))


def get_tablet_by_name(db: Database, name: str) -> dict[str, Any] | None:
    """The tablet with this name (desks decoded), or None."""
    return _tablet_row(next(db.query("select * from tablets where name = ?", [name]), None))


def list_tablets(db: Database) -> list[dict[str, Any]]:
    """Every tablet, by name."""
    return [_tablet_row(row) for row in db.query("select * from tablets order by name")]


def renew_pairing(db: Database, tablet_id: int, pairing_hash: str) -> None:
    """Issue a new one-time pairing code for a tablet (a replaced or reset device)."""
    db.execute(
        "update tablets set pairing_hash = ?, revoked_at = null where id = ?",
        [pairing_hash, tablet_id],
    )


def pair_tablet(db: Database, pairing_hash: str, token_hash: str) -> dict[str, Any] | None:
    """Use a pairing code once: bind the browser's token; None if the code is unknown or used."""
    with db.atomic():
        row = db.execute(
            "select id from tablets where pairing_hash = ? and revoked_at is null", [pairing_hash]
        ).fetchone()
        if row is None:
            return None
        db.execute(
            "update tablets set pairing_hash = null, token_hash = ?, paired_at = ? where id = ?",
            [token_hash, clock.stamp(), row[0]],
        )
    return get_tablet(db, row[0])


def revoke_tablet(db: Database, name: str) -> bool:
    """Revoke a tablet at once; False if no such tablet."""
    cursor = db.execute(
        "update tablets set revoked_at = ?, token_hash = null, pairing_hash = null"
        " where name = ? and revoked_at is null",
        [clock.stamp(), name],
    )
    return cursor.rowcount == 1


def tablet_seen(db: Database, tablet_id: int, queued: int | None = None) -> None:
    """Record that a tablet reported in (and how many responses it has queued)."""
    if queued is None:
        db.execute("update tablets set last_seen_at = ? where id = ?", [clock.stamp(), tablet_id])
    else:
        db.execute(
            "update tablets set last_seen_at = ?, queued = ? where id = ?",
            [clock.stamp(), queued, tablet_id],
        )


# --- users and audit ----------------------------------------------------------------------------


def add_user(db: Database, username: str, password_hash: str, role: str) -> None:
    """Create a user, or reset the password and role of an existing one (ending its sessions)."""
    with db.atomic():
        end_user_sessions(db, username)
        db.execute(
            "insert into users (username, password_hash, role, created_at) values (?, ?, ?, ?)"
            " on conflict(username) do update set password_hash = excluded.password_hash,"
            " role = excluded.role, failed_logins = 0, locked_until = null",
            [username, password_hash, role, clock.stamp()],
        )


def get_user(db: Database, username: str) -> dict[str, Any] | None:
    """The user with this name, or None."""
    return next(db.query("select * from users where username = ?", [username]), None)


def user_count(db: Database) -> int:
    """How many users exist."""
    return db.execute("select count(*) from users").fetchone()[0]


def login_failed(db: Database, user_id: int, wait_until: str) -> None:
    """Count a failed login; the name takes no new attempt before `wait_until` (throttling)."""
    db.execute(
        "update users set failed_logins = failed_logins + 1, locked_until = ? where id = ?",
        [wait_until, user_id],
    )


def login_succeeded(db: Database, user_id: int) -> None:
    """Reset the failure count after a good login."""
    db.execute(
        "update users set failed_logins = 0, locked_until = null, last_login_at = ? where id = ?",
        [clock.stamp(), user_id],
    )


def audit(db: Database, actor: str, action: str, subject: str = "", detail: Any = None) -> None:
    """Append one row to the audit log."""
    db.execute(
        "insert into audit_log (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)",
        [
            clock.stamp(),
            actor,
            action,
            subject,
            json.dumps(detail, ensure_ascii=False) if detail is not None else None,
        ],
    )


def audit_rows(db: Database, action: str | None = None, limit: int = 200) -> list[dict]:
    """The newest audit rows, optionally of one action."""
    if action:
        sql = "select * from audit_log where action = ? order by id desc limit ?"
        return list(db.query(sql, [action, limit]))
    return list(db.query("select * from audit_log order by id desc limit ?", [limit]))


# --- filters ------------------------------------------------------------------------------------


def where(*conditions: tuple[str, Any]) -> tuple[str, list]:
    """A `where ...` clause and its parameters from (sql, value) pairs whose value is set.

    Unset values (None, "", an empty list, False) drop their condition: that is how every
    optional filter (period, desks, questions) works. `?` takes the value once per `?`; `(?)`
    expands to one placeholder per item of a list (`desk_id in (?)`); True adds the SQL alone.
    """
    parts, params = [], []
    for sql, value in conditions:
        if value is None or value is False or value == "" or value == [] or value == ():
            continue
        if value is True:
            parts.append(sql)
        elif isinstance(value, (list, tuple)):
            parts.append(sql.replace("(?)", f"({', '.join('?' for _ in value)})"))
            params.extend(list(value) * sql.count("(?)"))
        else:
            parts.append(sql)
            params.extend([value] * sql.count("?"))
    return (f"where {' and '.join(parts)}" if parts else ""), params


# --- aggregates ---------------------------------------------------------------------------------


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


# --- exports (streaming) ------------------------------------------------------------------------

RATING_COLUMNS = ("response_id", "submitted_at", "desk", "question", "value", "language", "tablet")


def iter_ratings(
    db: Database,
    start: str | None = None,
    end: str | None = None,
    desks: list[str] | None = None,
    questions: list[str] | None = None,
) -> Iterator[tuple]:
    """Stream ratings in the long export shape (RATING_COLUMNS), oldest first."""
    clause, params = where(
        ("r.submitted_at >= ?", start),
        ("r.submitted_at < ?", end),
        ("r.desk_id in (?)", desks),
        ("r.question_id in (?)", questions),
    )
    cursor = db.execute(
        "select r.response_id, r.submitted_at, r.desk_id, r.question_id, r.value,"
        " p.language, p.tablet from ratings r join responses p on p.id = r.response_id"
        f" {clause} order by r.submitted_at, r.response_id, r.desk_id, r.question_id",
        params,
    )
    yield from cursor


# --- bulk writes (demo, import) -----------------------------------------------------------------

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
                responses.append({"started_at": None, "visit_id": None, **response})
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


# --- comments -----------------------------------------------------------------------------------


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


# --- figures and notes --------------------------------------------------------------------------


def set_figure(
    db: Database, desk_id: str, metric: str, first: str, last: str, value: int, by: str
) -> None:
    """Enter (or correct) one operational figure for a desk and period."""
    db.execute(
        "insert into figures (desk_id, metric, period_start, period_end, value, entered_by,"
        " entered_at) values (?, ?, ?, ?, ?, ?, ?) on conflict(desk_id, metric, period_start,"
        " period_end) do update set value = excluded.value, entered_by = excluded.entered_by,"
        " entered_at = excluded.entered_at",
        [desk_id, metric, first, last, value, by, clock.stamp()],
    )


def add_note(
    db: Database,
    starts_on: str,
    ends_on: str,
    desk_id: str | None,
    text: str,
    by: str,
    translations: dict[str, str] | None = None,
) -> None:
    """Add a dated period note (shown on charts and reports); `text` is the English one."""
    db.execute(
        "insert into notes (starts_on, ends_on, desk_id, text, texts, created_by, created_at)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [
            starts_on,
            ends_on,
            desk_id,
            text,
            json.dumps(translations) if translations else None,
            by,
            clock.stamp(),
        ],
    )


def note_text(note: dict[str, Any], lang: str) -> str:
    """A note's text in `lang`, the English text when it has none in that language."""
    return json.loads(note.get("texts") or "{}").get(lang) or note["text"]


# --- comments and curation (issue 3) ------------------------------------------------------------
# Curation queue, quote selection, edits, four-eyes approval, retagging.


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


def iter_comment_tags(db: Database) -> Iterator[dict[str, Any]]:
    """Every comment's id, question, text and current tags (for `survey retag`)."""
    return db.query(
        "select c.id, c.question_id, c.text, c.language, c.polarity, c.subjectivity, c.label,"
        " c.topics, r.language as response_language from comments c"
        " join responses r on r.id = c.response_id order by c.id"
    )


def set_comment_tags(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Store new language/polarity/subjectivity/label/topics for comments, by id, in one go."""
    with db.atomic():
        db.conn.executemany(
            "update comments set language = :language, polarity = :polarity,"
            " subjectivity = :subjectivity, label = :label, topics = :topics where id = :id",
            list(rows),
        )


# --- dashboard, figures, notes, alerts and report (issue 4) -------------------------------------
# Period aggregates, monthly trends, heatmaps, figure totals, alert rules.


def _range_clause(
    column: str, start: str | None, end: str | None, desks: list[str] | None, desk_column: str
) -> tuple[str, list]:
    """A WHERE clause for [start, end) on `column` and an optional desk list."""
    return where(
        (f"{column} >= ?", start), (f"{column} < ?", end), (f"{desk_column} in (?)", desks)
    )


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


FIGURE_COLUMNS = ("desk_id", "metric", "period_start", "period_end", "value")


def figures_within(
    db: Database,
    first: str | None = None,
    last: str | None = None,
    desks: list[str] | None = None,
    metric: str | None = None,
) -> list[dict[str, Any]]:
    """Figures whose period lies within the days first..last (inclusive), oldest first."""
    clause, params = where(
        ("period_start >= ?", first),
        ("period_end <= ?", last),
        ("desk_id in (?)", desks),
        ("metric = ?", metric),
    )
    return list(
        db.query(
            f"select * from figures {clause} order by period_start, period_end, desk_id, metric",
            params,
        )
    )


def figures_overlapping(
    db: Database, first: str | None, last: str | None, metric: str, desks: list[str] | None = None
) -> list[dict[str, Any]]:
    """Figures of one metric whose period overlaps the days first..last."""
    clause, params = where(
        ("metric = ?", metric),
        ("period_end >= ?", first),
        ("period_start <= ?", last),
        ("desk_id in (?)", desks),
    )
    return list(
        db.query(
            f"select * from figures {clause} order by period_start, desk_id",
            params,
        )
    )


def set_figures(db: Database, rows: Iterable[dict[str, Any]], by: str) -> int:
    """Enter many figures in one transaction (a CSV import): all or nothing."""
    count = 0
    with db.atomic():
        for row in rows:
            set_figure(
                db,
                row["desk_id"],
                row["metric"],
                row["period_start"],
                row["period_end"],
                row["value"],
                by,
            )
            count += 1
    return count


def delete_figure(db: Database, figure_id: int) -> bool:
    """Remove one figure; False if there was none."""
    return db.execute("delete from figures where id = ?", [figure_id]).rowcount == 1


def notes_overlapping(
    db: Database,
    first: str | None = None,
    last: str | None = None,
    desks: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Period notes overlapping the days first..last (notes for every desk included)."""
    clause, params = where(
        ("ends_on >= ?", first),
        ("starts_on <= ?", last),
        ("(desk_id is null or desk_id in (?))", desks),
    )
    return list(db.query(f"select * from notes {clause} order by starts_on, id", params))


def delete_note(db: Database, note_id: int) -> bool:
    """Remove one period note; False if there was none."""
    return db.execute("delete from notes where id = ?", [note_id]).rowcount == 1


def add_alert_rule(
    db: Database, desk_id: str | None, low_share: float, days: int, min_n: int, by: str
) -> int:
    """Create an alert rule; return its id."""
    cursor = db.execute(
        "insert into alert_rules (desk_id, low_share, days, min_n, created_by, created_at)"
        " values (?, ?, ?, ?, ?, ?)",
        [desk_id, low_share, days, min_n, by, clock.stamp()],
    )
    return cursor.lastrowid


def alert_rule_exists(
    db: Database, desk_id: str | None, low_share: float, days: int, min_n: int
) -> bool:
    """True when an active rule with these very settings exists (a second would list every trip twice)."""
    return (
        db.execute(
            "select 1 from alert_rules where active = 1 and desk_id is ? and abs(low_share - ?) < 1e-9"
            " and days = ? and min_n = ?",
            [desk_id, low_share, days, min_n],
        ).fetchone()
        is not None
    )


def alert_rules(db: Database, active_only: bool = True) -> list[dict[str, Any]]:
    """Alert rules, oldest first."""
    clause = "where active = 1" if active_only else ""
    return list(db.query(f"select * from alert_rules {clause} order by id"))


def deactivate_alert_rule(db: Database, rule_id: int) -> bool:
    """Switch a rule off (kept for the record); False if no such active rule."""
    cursor = db.execute("update alert_rules set active = 0 where id = ? and active = 1", [rule_id])
    return cursor.rowcount == 1


def alert_sent(db: Database, rule_id: int, at: str) -> None:
    """Remember when a rule's e-mail went out."""
    db.execute("update alert_rules set last_sent_at = ? where id = ?", [at, rule_id])


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


# --- exports, import and read API (issue 5) -----------------------------------------------------
# Wide shape, comment export, import validation, API tokens, cursor pagination.

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


def _in(column: str, values: list[str]) -> str:
    return f"{column} in ({', '.join('?' for _ in values)})"


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


def question_desks(db: Database) -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """Question id -> (kind, desks it is asked at, takes a comment), for every synced question."""
    return {
        row[0]: (row[1], tuple(json.loads(row[2] or "[]")), bool(row[3]))
        for row in db.execute("select id, kind, desks, comment from questions").fetchall()
    }


def retired_questions(db: Database) -> dict[str, Question]:
    """Questions removed from questions.yaml (inactive here), as they were last synced.

    A tablet's queue may still hold answers to them; those answers are stored, not refused.
    """
    return {
        row["id"]: Question(
            id=row["id"],
            kind=row["kind"],
            text=json.loads(row["text"]),
            desks=tuple(json.loads(row["desks"] or "[]")),
            comment=bool(row["comment"]),
            options=tuple(
                Option(option["id"], option.get("text", {}))
                for option in json.loads(row["options"] or "[]")
            ),
        )
        for row in db.query("select * from questions where active = 0")
    }


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
            INSERT_RESPONSE, ({"started_at": None, "visit_id": None, **r} for r in responses)
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


def add_token(db: Database, name: str, token_hash: str) -> bool:
    """Store a read-API token under a new name (or a revoked one's); False if the name is in use."""
    cursor = db.execute(
        "insert into api_tokens (name, token_hash, created_at) values (?, ?, ?)"
        " on conflict(name) do update set token_hash = excluded.token_hash,"
        " created_at = excluded.created_at, revoked_at = null, last_used_at = null"
        " where api_tokens.revoked_at is not null",
        [name, token_hash, clock.stamp()],
    )
    return cursor.rowcount == 1


def revoke_token(db: Database, name: str) -> bool:
    """Revoke a read-API token at once; False if there is no active token of that name."""
    cursor = db.execute(
        "update api_tokens set revoked_at = ?, token_hash = '' where name = ? and revoked_at is null",
        [clock.stamp(), name],
    )
    return cursor.rowcount == 1


def list_tokens(db: Database) -> list[dict[str, Any]]:
    """Every read-API token's name and dates (never its digest), by name."""
    return list(
        db.query("select name, created_at, last_used_at, revoked_at from api_tokens order by name")
    )


def token_by_hash(db: Database, token_hash: str) -> dict[str, Any] | None:
    """The active token with this digest, or None."""
    return next(
        db.query(
            "select * from api_tokens where token_hash = ? and revoked_at is null", [token_hash]
        ),
        None,
    )


def token_used(db: Database, token_id: int) -> None:
    """Note when a token was last used (shown to admins; no request details are kept)."""
    db.execute("update api_tokens set last_used_at = ? where id = ?", [clock.stamp(), token_id])


# --- kiosk hardening: visits, tablet health, backup, retention (issue 6) ------------------------
# Armed visits, tablet reports, rate limits, online backup, purge of old free text.


@migrations()
def m004_kiosk_submit_times(db: Database) -> None:
    """When each tablet last submitted: the per-tablet minimum interval is checked against it."""
    db.table("tablets").add_column("last_submit_at", str)
    db.table("visits").create_index(["tablet_id", "response_id"], index_name="visits_tablet")


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


def arm_visit(db: Database, tablet_id: int, desk_id: str, service: str, by: str) -> int:
    """Log a visit and arm the tablet's next survey for it; return the visit id."""
    cursor = db.execute(
        "insert into visits (tablet_id, desk_id, service, armed_at, armed_by)"
        " values (?, ?, ?, ?, ?)",
        [tablet_id, desk_id, service, clock.stamp(), by],
    )
    return cursor.lastrowid


def pending_visit(db: Database, tablet_id: int, since: str) -> dict[str, Any] | None:
    """The newest unanswered visit armed on this tablet at or after `since`, or None."""
    return next(
        db.query(
            "select * from visits where tablet_id = ? and response_id is null and armed_at >= ?"
            " order by id desc limit 1",
            [tablet_id, since],
        ),
        None,
    )


def visit_problem(db: Database, visit_id: int, tablet_id: int) -> str | None:
    """Why this visit cannot carry a new survey from this tablet, or None when it can."""
    row = db.execute(
        "select tablet_id, response_id from visits where id = ?", [visit_id]
    ).fetchone()
    if row is None or row[0] != tablet_id:
        return "no such visit was armed on this tablet"
    if row[1] is not None:
        return "this visit already has its survey"
    return None


def recent_visits(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    """The newest visits with their tablet's name and whether a survey came back (no answers)."""
    return list(
        db.query(
            "select v.id, t.name as tablet, v.desk_id, v.service, v.armed_at, v.armed_by,"
            " v.response_id is not null as answered from visits v"
            " join tablets t on t.id = v.tablet_id order by v.id desc limit ?",
            [limit],
        )
    )


def is_empty(db: Database) -> bool:
    """True when no response, user or tablet is stored (a restore may then overwrite it)."""
    return not any(
        db.execute(f"select exists(select 1 from {table})").fetchone()[0]
        for table in ("responses", "users", "tablets")
    )


def backup(db: Database, path: str) -> None:
    """A consistent copy of the live database at `path` (SQLite's online backup API).

    The copy is made under one read transaction, so tablets keep writing meanwhile (WAL).
    """
    target = sqlite3.connect(path)
    try:
        db.conn.backup(target)
        # A backup is one self-contained file: no -wal beside it to lose when copying it.
        target.execute("pragma journal_mode = delete")
    finally:
        target.close()


def check_backup(path: str) -> str | None:
    """What is wrong with a backup file, or None when it is an intact survey database."""
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return f"cannot open it: {error}"
    try:
        tables = {row[0] for row in source.execute("select name from sqlite_master")}
        if not {"responses", "ratings", "tablets"} <= tables:
            return "it is not a survey database"
        result = source.execute("pragma quick_check").fetchone()[0]
        return None if result == "ok" else f"it is damaged: {result}"
    except sqlite3.DatabaseError as error:
        return f"it is not a SQLite database ({error})"
    finally:
        source.close()


def restore(db: Database, path: str) -> None:
    """Replace the whole content of `db` with the backup at `path`, then bring its schema up."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(db.conn)
    finally:
        source.close()
    migrate(db)


def purge_comments(db: Database, before: str) -> int:
    """Delete free text submitted before `before` (ratings and choices stay); return the count.

    The text must be gone from the disk, not only from the table: secure_delete overwrites the
    freed pages, and a truncating checkpoint empties the WAL that still holds the old pages.
    """
    db.execute("pragma secure_delete = on")
    try:
        with db.atomic():
            cursor = db.execute("delete from comments where submitted_at < ?", [before])
    finally:
        db.execute("pragma secure_delete = off")
    db.execute("pragma wal_checkpoint(truncate)")
    return cursor.rowcount


# --- hardening: plausible stored times, coordinator sessions, atomic visit claims ---------------

# A stored time is plausible when it has the fixed 20-character shape from 2000 on (clock.py).
IMPLAUSIBLE_TIME = "(length({0}) != 20 or {0} < '2000-01-01' or {0} > '2100')"


@migrations()
def m005_plausible_times(db: Database) -> None:
    """Times from before the plausibility window (e.g. year 999) take the server's receive time.

    Such a row made every page that buckets by month fail; the answers themselves stay.
    """
    bad = IMPLAUSIBLE_TIME.format("submitted_at")
    fixed = "coalesce(received_at, '2000-01-01T00:00:00Z')"
    db.execute(
        f"update responses set started_at = null where {IMPLAUSIBLE_TIME.format('started_at')}"
    )
    db.execute(f"update responses set submitted_at = {fixed} where {bad}")
    for table in ("ratings", "choices", "comments"):
        db.execute(
            f"update {table} set submitted_at = (select r.submitted_at from responses r"
            f" where r.id = {table}.response_id) where {bad}"
        )


@migrations()
def m005b_sessions(db: Database) -> None:
    """Server-side coordinator sessions (ended at logout, password change, disable) and disabling."""
    db.table("users").add_column("disabled_at", str)
    db.table("sessions").create(
        {"id": str, "user_id": int, "created_at": str},  # id: digest of the cookie's secret
        pk="id",
        not_null={"user_id", "created_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db.table("sessions").create_index(["user_id"], index_name="sessions_user")


@migrations()
def m005c_health_probe(db: Database) -> None:
    """One row that /healthz rewrites to prove the database takes writes."""
    db.table("health_probe").create({"id": int, "at": str}, pk="id")


def responses_in_file(path: str) -> int:
    """How many responses the database file at `path` holds (a backup just written)."""
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return copy.execute("select count(*) from responses").fetchone()[0]
    finally:
        copy.close()


def start_session(db: Database, session_digest: str, user_id: int) -> None:
    """Record a new coordinator session."""
    db.execute(
        "insert into sessions (id, user_id, created_at) values (?, ?, ?)",
        [session_digest, user_id, clock.stamp()],
    )


def end_sessions_started_before(db: Database, moment: str) -> None:
    """Forget sessions past their lifetime (they no longer work; this keeps the table small)."""
    db.execute("delete from sessions where created_at <= ?", [moment])


def session_user(db: Database, session_digest: str, started_after: str) -> dict[str, Any] | None:
    """The enabled user of a live session started after `started_after`, or None."""
    return next(
        db.query(
            "select u.* from sessions s join users u on u.id = s.user_id"
            " where s.id = ? and s.created_at > ? and u.disabled_at is null",
            [session_digest, started_after],
        ),
        None,
    )


def end_session(db: Database, session_digest: str) -> None:
    """End one session (logout)."""
    db.execute("delete from sessions where id = ?", [session_digest])


def end_user_sessions(db: Database, username: str) -> int:
    """End every session of a user (password change, disable); return how many ended."""
    return db.execute(
        "delete from sessions where user_id = (select id from users where username = ?)",
        [username],
    ).rowcount


def set_user_disabled(db: Database, username: str, disabled: bool) -> bool:
    """Disable (ending every session at once) or enable a user; False if there is no such user."""
    with db.atomic():
        found = db.execute(
            "update users set disabled_at = ? where username = ?",
            [clock.stamp() if disabled else None, username],
        ).rowcount
        if disabled:
            end_user_sessions(db, username)
    return bool(found)


def list_users(db: Database) -> list[dict[str, Any]]:
    """Every user with role, last login and whether disabled (no hashes)."""
    return list(
        db.query(
            "select username, role, created_at, last_login_at, disabled_at,"
            f" password_hash = '{NO_PASSWORD}' as invited from users order by username"
        )
    )


def claim_visit(db: Database, visit_id: int, response_id: str) -> bool:
    """Tie an armed visit to its response unless another response took it first (same transaction)."""
    return (
        db.execute(
            "update visits set response_id = ? where id = ? and response_id is null",
            [response_id, visit_id],
        ).rowcount
        == 1
    )


@migrations()
def m007_comment_topics(db: Database) -> None:
    # What each comment is about: a JSON array of topic ids (sentiment.topics); NULL until tagged
    # (`survey retag` fills it for comments stored before topics existed).
    db.table("comments").add_column("topics", str)


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


# --- the offline kiosk's reports ------------------------------------------------------------------


@migrations()
def m006_tablet_offline_reports(db: Database) -> None:
    """Per tablet: surveys held back after a refusal (422), and whether it runs offline-first."""
    db.table("tablets").add_column("held", int, not_null_default=0)
    db.table("tablets").add_column("offline_capable", int)  # NULL: not reported yet


def tablet_reported(
    db: Database, tablet_id: int, queued: int, held: int | None, offline_capable: bool | None
) -> None:
    """A heartbeat: last contact, queued surveys, held-back surveys, offline capability."""
    db.execute(
        "update tablets set last_seen_at = ?, queued = ?, held = coalesce(?, held),"
        " offline_capable = coalesce(?, offline_capable) where id = ?",
        [
            clock.stamp(),
            queued,
            held,
            None if offline_capable is None else int(offline_capable),
            tablet_id,
        ],
    )


# --- administration: one-time set-password links, roles -----------------------------------------


@migrations()
def m008_password_links(db: Database) -> None:
    # A link an admin hands a new (or locked-out) user to choose their own password: only the
    # digest of its code is kept, it works once and lapses at expires_at.
    db.table("password_links").create(
        {"id": str, "user_id": int, "created_at": str, "expires_at": str, "used_at": str},
        pk="id",
        not_null={"user_id", "created_at", "expires_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db.table("password_links").create_index(["user_id"], index_name="password_links_user")


# Stored for a user who has not chosen a password yet: no password ever matches it.
NO_PASSWORD = "!"


def add_invited_user(db: Database, username: str, role: str) -> int:
    """Create a user without a password (they set it by link); IntegrityError if the name exists."""
    db.execute(
        "insert into users (username, password_hash, role, created_at) values (?, ?, ?, ?)",
        [username, NO_PASSWORD, role, clock.stamp()],
    )
    return db.execute("select id from users where username = ?", [username]).fetchone()[0]


def add_password_link(db: Database, link_digest: str, user_id: int, expires_at: str) -> None:
    """Store a one-time set-password link (its digest); earlier unused links of the user lapse."""
    with db.atomic():
        db.execute("delete from password_links where user_id = ? and used_at is null", [user_id])
        db.execute(
            "insert into password_links (id, user_id, created_at, expires_at) values (?, ?, ?, ?)",
            [link_digest, user_id, clock.stamp(), expires_at],
        )


def password_link_user(db: Database, link_digest: str) -> dict[str, Any] | None:
    """The enabled user of an unused, unexpired set-password link, or None."""
    return next(
        db.query(
            "select u.* from password_links l join users u on u.id = l.user_id"
            " where l.id = ? and l.used_at is null and l.expires_at > ? and u.disabled_at is null",
            [link_digest, clock.stamp()],
        ),
        None,
    )


def use_password_link(db: Database, link_digest: str, password_hash: str) -> str | None:
    """Set the password through a link, once (ending the user's sessions); the user name or None."""
    with db.atomic():
        user = password_link_user(db, link_digest)
        if user is None:
            return None
        db.execute(
            "update password_links set used_at = ? where id = ?", [clock.stamp(), link_digest]
        )
        db.execute(
            "update users set password_hash = ?, failed_logins = 0, locked_until = null"
            " where id = ?",
            [password_hash, user["id"]],
        )
        end_user_sessions(db, user["username"])
    return user["username"]


def set_user_role(db: Database, username: str, role: str) -> bool:
    """Change a user's role; False if there is no such user."""
    return bool(
        db.execute("update users set role = ? where username = ?", [role, username]).rowcount
    )


def active_admin_count(db: Database) -> int:
    """How many enabled admins there are (the last one may not be demoted or disabled)."""
    return db.execute(
        "select count(*) from users where role = 'admin' and disabled_at is null"
    ).fetchone()[0]


# --- saved overviews and per-language note texts -----------------------------------------------


@migrations()
def m009_overviews(db: Database) -> None:
    """Saved overviews: a coordinator's choices for the pilot overview, and its public slug."""
    db.table("overviews").create(
        {
            "id": int,
            "title": str,
            "rating_from": str,  # YYYY-MM-DD, local days, inclusive
            "rating_to": str,
            "figures_from": str,  # NULL: the rating period's first day
            "quotes_from": str,  # NULL: the rating period
            "quotes_to": str,
            "desks": str,  # JSON list of desk ids; [] = every desk
            "quote_counts": str,  # JSON {question id: how many quotes}; {} = the default
            "narrative": str,  # JSON {language: {introduction, progress, outlook}}
            "slug": str,  # set while the overview is published
            "published_at": str,
            "created_by": str,
            "created_at": str,
            "updated_by": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"title", "rating_from", "rating_to", "created_at"},
    )
    db.table("overviews").create_index(["slug"], unique=True, index_name="overviews_slug")


@migrations()
def m009b_note_texts(db: Database) -> None:
    # A period note's text per language as JSON {language: text}; `text` stays the English one.
    db.table("notes").add_column("texts", str)


OVERVIEW_JSON = ("desks", "quote_counts", "narrative")


def _overview_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is not None:
        for column in OVERVIEW_JSON:
            row[column] = json.loads(row[column] or ("[]" if column == "desks" else "{}"))
    return row


def save_overview(
    db: Database, fields: dict[str, Any], by: str, overview_id: int | None = None
) -> int:
    """Create an overview (no id) or replace its choices; return its id."""
    row = {
        key: json.dumps(value) if key in OVERVIEW_JSON else value for key, value in fields.items()
    }
    row.update(updated_by=by, updated_at=clock.stamp())
    if overview_id is None:
        row.update(created_by=by, created_at=row["updated_at"])
        return db.table("overviews").insert(row).last_pk
    db.table("overviews").update(overview_id, row)
    return overview_id


def get_overview(db: Database, overview_id: int) -> dict[str, Any] | None:
    """One saved overview (JSON columns decoded), or None."""
    return _overview_row(
        next(db.query("select * from overviews where id = ?", [overview_id]), None)
    )


def published_overview(db: Database, slug: str) -> dict[str, Any] | None:
    """The overview published under `slug`, or None."""
    return _overview_row(
        next(
            db.query("select * from overviews where slug = ? and published_at is not null", [slug]),
            None,
        )
    )


def list_overviews(db: Database) -> list[dict[str, Any]]:
    """Every saved overview, most recently changed first."""
    return [
        _overview_row(row)
        for row in db.query("select * from overviews order by updated_at desc, id desc")
    ]


def publish_overview(db: Database, overview_id: int, slug: str) -> bool:
    """Publish an overview under `slug`; False when another overview holds that slug."""
    try:
        db.execute(
            "update overviews set slug = ?, published_at = ? where id = ?",
            [slug, clock.stamp(), overview_id],
        )
    except IntegrityError:
        return False
    return True


def unpublish_overview(db: Database, slug: str) -> int | None:
    """Take the overview published under `slug` down at once; its id, or None if none was."""
    row = next(db.query("select id from overviews where slug = ?", [slug]), None)
    if row is None:
        return None
    db.execute("update overviews set slug = null, published_at = null where id = ?", [row["id"]])
    return row["id"]
