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
    """A tablet reports in: `queued` surveys waiting to be sent, and optionally `held` (refused
    with 422, kept on the tablet) and `offline_capable` (its service worker is active)."""
    tablet, refusal = paired_or_error()
    if refusal:
        return refusal
    payload, errors = read_json_body()
    if errors:
        return unprocessable(errors)
    if not isinstance(payload, dict):
        payload = {}
    errors = [
        {"field": name, "message": "must be a whole number >= 0"}
        for name in ("queued", "held")
        if (name == "queued" or name in payload)
        and (type(payload.get(name)) is not int or not 0 <= payload[name] <= MAX_QUEUED)
    ]
    capable = payload.get("offline_capable")
    if capable is not None and type(capable) is not bool:
        errors.append({"field": "offline_capable", "message": "must be true or false"})
    if errors:
        return unprocessable(errors)
    store.tablet_reported(get_db(), tablet["id"], payload["queued"], payload.get("held"), capable)
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
