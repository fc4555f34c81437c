"""Tagging stored comments: sentiment and topics, off the kiosk's request path.

A submission stores its comments redacted but untagged (topics NULL), so a client's survey is
acknowledged without waiting for the tagger, the largest share of a submission's time. What
reads tags (every coordinator page, through a hook on the blueprint, and `survey export
--comments`) first calls `tag_untagged`: one probe of a partial index when nothing waits, else
the waiting comments tagged in one batch. `survey retag` tags every comment again (after the
rules change). The tagger itself is imported on the first comment to tag: every `survey`
command and coordinator page loads this module, and most never tag anything.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from . import store
from .questionnaire import Question, Questionnaire

TAG_COLUMNS = ("language", "polarity", "subjectivity", "label", "topics")

# At most this many comments per catch-up (about a second of tagging): a page opened after a
# long unread stretch stays quick; what is left shows as "untagged" until the next page.
CATCH_UP_LIMIT = 1000

log = logging.getLogger(__name__)


def tag_columns(text: str, language: str | None, asked: Question | None) -> dict[str, Any]:
    """The tag columns of one redacted comment; `asked` is the question it answers (or None).

    `topics` is never NULL afterwards (an empty text gets "[]"), so the comment counts as tagged.
    """
    from . import sentiment

    tag = sentiment.tag_answer(text, language, asked)
    return {
        "language": tag.language if tag else language,
        "polarity": tag.polarity if tag else None,
        "subjectivity": tag.subjectivity if tag else None,
        "label": tag.label if tag else None,
        "topics": json.dumps(list(tag.topics) if tag else []),
    }


def _retagged(row: dict[str, Any], questionnaire: Questionnaire) -> dict[str, Any]:
    asked = questionnaire.question(row["question_id"])
    language = row["language"] or row["response_language"]  # the comment's own, when known
    return {"id": row["id"], **tag_columns(row["text"], language, asked)}


def tag_untagged(db, questionnaire: Questionnaire, limit: int | None = CATCH_UP_LIMIT) -> int:
    """Tag up to `limit` (None: all) comments stored untagged, oldest first; return how many."""
    if not store.has_untagged_comments(db):
        return 0
    waiting = store.untagged_comments(db, -1 if limit is None else limit)  # SQLite: -1 = no limit
    rows = [_retagged(row, questionnaire) for row in waiting]
    try:
        store.set_comment_tags(db, rows)
    except sqlite3.OperationalError as error:
        # A full disk or a read-only file must not take the pages down with it: the comments
        # show as untagged, and the next read tries again.
        log.warning("comments left untagged: %s", error)
        return 0
    return len(rows)


def retag_all(db, questionnaire: Questionnaire) -> tuple[int, int]:
    """Tag every stored comment again; return (comments checked, comments whose tags changed)."""
    changed, total = [], 0
    for row in list(store.iter_comment_tags(db)):
        total += 1
        new = _retagged(row, questionnaire)
        if any(new[key] != row[key] for key in TAG_COLUMNS):
            changed.append(new)
    store.set_comment_tags(db, changed)
    return total, len(changed)
