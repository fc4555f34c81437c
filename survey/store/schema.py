"""The schema as versioned migrations (applied in the order they stand here), connection
settings, and whole-database checks (usable, empty, table counts)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from sqlite_utils.utils import sqlite3

from .. import clock

IntegrityError = sqlite3.IntegrityError


migrations = Migrations("survey")


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
    # What a connection frees is overwritten with zeros: a purged comment, and a survey's answers
    # once filed out of its row (store/responses.py), leave no readable trace in the file.
    db.execute("PRAGMA secure_delete = ON")
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


def table_counts(db: Database) -> dict[str, int]:
    """Row counts of the tables that hold client answers (tests and `survey status`)."""
    return {
        table: db.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("responses", "ratings", "choices", "comments")
    }


@migrations()
def m004_kiosk_submit_times(db: Database) -> None:
    """When each tablet last submitted: the per-tablet minimum interval is checked against it."""
    db.table("tablets").add_column("last_submit_at", str)
    db.table("visits").create_index(["tablet_id", "response_id"], index_name="visits_tablet")


def is_empty(db: Database) -> bool:
    """True when no response, user or tablet is stored (a restore may then overwrite it)."""
    return not any(
        db.execute(f"select exists(select 1 from {table})").fetchone()[0]
        for table in ("responses", "users", "tablets")
    )


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


@migrations()
def m007_comment_topics(db: Database) -> None:
    # What each comment is about: a JSON array of topic ids (sentiment.topics); NULL until tagged
    # (`survey retag` fills it for comments stored before topics existed).
    db.table("comments").add_column("topics", str)


@migrations()
def m006_tablet_offline_reports(db: Database) -> None:
    """Per tablet: surveys held back after a refusal (422), and whether it runs offline-first."""
    db.table("tablets").add_column("held", int, not_null_default=0)
    db.table("tablets").add_column("offline_capable", int)  # NULL: not reported yet


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


@migrations()
def m010_untagged_comments(db: Database) -> None:
    # Comments are stored untagged (topics NULL) and tagged by the first read that needs them
    # (survey/tagging.py): this partial index finds them without scanning every comment.
    db.execute("create index if not exists comments_untagged on comments(id) where topics is null")


@migrations()
def m011_pending_answers(db: Database) -> None:
    # Under `survey serve` a survey's answers wait here (JSON) until filed in batches
    # (store/responses.py); the partial index finds them without scanning every response.
    db.table("responses").add_column("pending", str)
    db.execute(
        "create index if not exists responses_pending on responses(received_at)"
        " where pending is not null"
    )
