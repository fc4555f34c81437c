"""Whether a paired tablet may store this survey now: armed visits and the minimum interval.

Shared by the kiosk's form post and the JSON API, after `submission.validate` and before
`submission.record`. A response id that is already stored always passes: `record` then tells
an identical replay (200) from a conflict (409), so an offline queue can always finish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from . import clock, store
from .submission import Submission

NOT_ARMED = "this tablet is in armed mode: the desk staff must arm a survey first"


@dataclass
class Refused(Exception):
    """The tablet may not store this survey: 422 with `errors`, or 429 with `retry_after`."""

    status: int
    errors: list[dict[str, str]] = field(default_factory=list)
    retry_after: int = 0


def admit(db, tablet: dict, submission: Submission, min_interval: int) -> None:
    """Raise Refused unless this tablet may store this new survey now."""
    if submission.visit_id is None and tablet["mode"] != "armed" and min_interval <= 0:
        return  # an open tablet without a minimum interval: nothing to check, no query
    if store.response_exists(db, submission.id):
        return
    if submission.visit_id is None:
        if tablet["mode"] == "armed":
            raise Refused(422, [{"field": "visit_id", "message": NOT_ARMED}])
    else:
        problem = store.visit_problem(db, submission.visit_id, tablet["id"])
        if problem:
            raise Refused(422, [{"field": "visit_id", "message": problem}])
    if min_interval > 0:
        wait = store.claim_submit_slot(db, tablet["id"], min_interval)
        if wait:
            raise Refused(429, retry_after=wait)


def armed_visit(db, tablet: dict, minutes: int) -> dict | None:
    """The visit this tablet's next survey belongs to: armed in the last `minutes`, unanswered."""
    since = clock.stamp(clock.now() - timedelta(minutes=minutes))
    return store.pending_visit(db, tablet["id"], since)
