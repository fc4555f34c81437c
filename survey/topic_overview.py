"""The dashboard's topic x sentiment table per desk (Flask-free; the view only renders it)."""

from __future__ import annotations

from . import store
from .topics import TOPICS


def topic_table(
    db, start: str | None, end: str | None, desks: list[str] | None = None
) -> dict[str, list[dict]]:
    """Desk -> rows {topic, negative, neutral, positive, total}, most negative comments first."""
    table: dict[str, dict[str, dict]] = {}
    for desk, topic, label, count in store.comment_topic_counts(db, start, end, desks):
        if desk is None or topic not in TOPICS:
            continue
        row = table.setdefault(desk, {}).setdefault(
            topic, {"topic": topic, "negative": 0, "neutral": 0, "positive": 0, "total": 0}
        )
        if label in ("negative", "neutral", "positive"):
            row[label] += count
        row["total"] += count
    return {
        desk: sorted(rows.values(), key=lambda r: (-r["negative"], -r["total"], r["topic"]))
        for desk, rows in table.items()
    }
