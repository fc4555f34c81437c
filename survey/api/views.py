"""Kiosk submissions as JSON. Status codes and shapes are a stable interface (docs/api.md)."""

from __future__ import annotations

from flask import current_app

from .. import store
from ..admission import Refused, admit
from ..db import file_after_answering, get_db
from ..errors import api_error
from ..submission import SubmissionErrors, record, validate
from . import bp
from .body import paired_or_error, read_json_body, unprocessable


@bp.post("/responses")
def submit_response():
    """Store a completed survey from a paired tablet: 201 new, 200 replay, 409 conflict."""
    tablet, refusal = paired_or_error()
    if refusal:
        return refusal
    payload, errors = read_json_body()
    if errors:
        return unprocessable(errors)
    try:
        submission = validate(
            payload,
            current_app.extensions["survey"],
            tablet["desks"],
            current_app.extensions["survey_retired"],  # a queue may predate their removal
        )
    except SubmissionErrors as invalid:
        return unprocessable(invalid.errors)
    try:
        admit(get_db(), tablet, submission, current_app.config["SUBMIT_MIN_INTERVAL"])
    except Refused as refused:
        if refused.status == 429:
            message = f"this tablet sent a survey moments ago; retry in {refused.retry_after} s"
            body, code = api_error(429, message, "too_many_requests")
            return body, code, {"Retry-After": str(refused.retry_after)}
        return unprocessable(refused.errors)
    try:
        outcome = record(get_db(), submission, tablet["name"], "api", tablet["id"])
    except SubmissionErrors as invalid:
        return unprocessable(invalid.errors)
    if outcome == store.CREATED:
        file_after_answering()
    if outcome == store.CONFLICT:
        return api_error(409, "a different response with this id is already stored", "conflict")
    body = {"id": submission.id, "status": outcome}
    return body, 201 if outcome == store.CREATED else 200
