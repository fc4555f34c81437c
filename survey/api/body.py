"""What every tablet-facing API route shares: who is asking, and the JSON body it sent."""

from __future__ import annotations

import json

from flask import abort, current_app, request

from .. import auth
from ..errors import api_error
from ..security import too_large


def paired_or_error():
    """(tablet, None) for a paired tablet, else (None, the 401/403 answer)."""
    state, tablet = auth.tablet_state()
    if state == auth.UNPAIRED:
        return None, api_error(401, "this browser is not a paired tablet", "unpaired")
    if tablet is None:
        return None, api_error(403, "this tablet has been revoked", "revoked")
    return tablet, None


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
