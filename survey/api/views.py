"""The JSON API. Status codes and shapes are a stable interface (see DESIGN.md)."""

from __future__ import annotations

import json

from flask import abort, current_app, request

from .. import auth, store
from ..admission import Refused, admit
from ..db import get_db
from ..errors import api_error
from ..security import too_large
from ..submission import SubmissionErrors, record, validate
from . import bp


def unprocessable(errors: list[dict]):
    """422 with every problem found."""
    return {"errors": errors}, 422


def read_json_body():
    """The request body as JSON; (None, errors) for anything that is not strict UTF-8 JSON."""
    raw = request.get_data(cache=False)
    limit = current_app.config["API_MAX_BYTES"]
    if len(raw) > limit:
        abort(413, too_large(limit))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [{"field": "", "message": "the body is not valid UTF-8"}]
    try:
        return json.loads(text), None
    except ValueError as error:
        return None, [{"field": "", "message": f"malformed JSON: {error}"}]
    except RecursionError:
        # "[[[[...": Python's parser recurses per level; refuse it instead of failing with 500.
        return None, [{"field": "", "message": "malformed JSON: nested too deeply"}]


@bp.post("/responses")
def submit_response():
    """Store a completed survey from a paired tablet: 201 new, 200 replay, 409 conflict."""
    state, tablet = auth.tablet_state()
    if state == auth.UNPAIRED:
        return api_error(401, "this browser is not a paired tablet", "unpaired")
    if tablet is None:
        return api_error(403, "this tablet has been revoked", "revoked")
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
    if outcome == store.CONFLICT:
        return api_error(409, "a different response with this id is already stored", "conflict")
    body = {"id": submission.id, "status": outcome}
    return body, 201 if outcome == store.CREATED else 200
