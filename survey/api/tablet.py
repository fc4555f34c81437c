"""What a paired tablet's script asks besides submitting: heartbeat and armed state."""

from __future__ import annotations

from flask import current_app

from .. import admission, store
from ..db import get_db
from . import bp
from .body import paired_or_error, read_json_body, unprocessable

MAX_QUEUED = 1_000_000


@bp.post("/tablet/heartbeat")
def heartbeat():
    """A tablet reports in with the number of responses waiting in its queue."""
    tablet, refusal = paired_or_error()
    if refusal:
        return refusal
    payload, errors = read_json_body()
    if errors:
        return unprocessable(errors)
    queued = payload.get("queued") if isinstance(payload, dict) else None
    if type(queued) is not int or not 0 <= queued <= MAX_QUEUED:
        return unprocessable([{"field": "queued", "message": "must be a whole number >= 0"}])
    store.tablet_seen(get_db(), tablet["id"], queued)
    return {"status": "ok", "mode": tablet["mode"]}


@bp.get("/tablet/armed")
def armed():
    """Whether an armed-mode tablet may start a survey now (its waiting page polls this)."""
    tablet, refusal = paired_or_error()
    if refusal:
        return refusal
    if tablet["mode"] != "armed":
        return {"mode": tablet["mode"], "armed": True}
    return {
        "mode": "armed",
        "armed": admission.armed_visit(get_db(), tablet, current_app.config["ARMED_VISIT_MINUTES"])
        is not None,
    }
