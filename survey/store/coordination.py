"""Operational figures, period notes and alert rules."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from .. import clock
from .sql import where


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
