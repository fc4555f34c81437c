"""Tablets, their pairing and heartbeats, and armed visits."""

from __future__ import annotations

import json
from time import monotonic
from typing import Any

from sqlite_utils import Database

from .. import clock
from .wal import database_path


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


# What a paired tablet's every request needs; pairing, renewing and revoking change it, heartbeats
# and submissions (last_seen_at, queued, last_submit_at) do not.
IDENTITY = "id, name, desks, mode, token_hash, revoked_at"
IDENTITY_COLUMNS = IDENTITY.split(", ")


def tablet_identity(db: Database, tablet_id: int) -> dict[str, Any] | None:
    """The tablet's IDENTITY columns (desks decoded), or None; read afresh on every request.

    Every kiosk request looks its tablet up, so a revocation takes effect on the very next
    request in every worker. Caching the row until SQLite's data_version changed saved nothing
    under load: two workers that write in turn change it for each other on every survey, so the
    check was one read transaction more (about 3% of submissions, `python -m bench.ab`).
    """
    found = db.conn.execute(f"select {IDENTITY} from tablets where id = ?", [tablet_id]).fetchone()
    return None if found is None else _tablet_row(dict(zip(IDENTITY_COLUMNS, found, strict=True)))


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


# A survey's contact is written at most this often per tablet and worker. Written with every
# survey, the update cost a fiftieth of a submission under load, yet a tablet's state (online,
# "offline since 10:32") is read at its heartbeats' precision, every 30 seconds.
SEEN_EVERY_SECONDS = 10
_seen_at: dict[tuple[str, int], float] = {}


def tablet_seen(db: Database, tablet_id: int) -> None:
    """Record that a tablet reported in (a submission; heartbeats go through tablet_reported)."""
    key = (database_path(db), tablet_id)
    now = monotonic()
    if now - _seen_at.get(key, -SEEN_EVERY_SECONDS) < SEEN_EVERY_SECONDS:
        return
    db.execute("update tablets set last_seen_at = ? where id = ?", [clock.stamp(), tablet_id])
    _seen_at[key] = now


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


def claim_visit(db: Database, visit_id: int, response_id: str) -> bool:
    """Tie an armed visit to its response unless another response took it first (same transaction)."""
    return (
        db.execute(
            "update visits set response_id = ? where id = ? and response_id is null",
            [response_id, visit_id],
        ).rowcount
        == 1
    )


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
