"""Coordinator accounts, read-API tokens and the audit log."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from .. import clock


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
