"""Saved overviews (the pilot report's choices) and their public pages."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from .. import clock
from .schema import IntegrityError

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
