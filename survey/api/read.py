"""The read API: summaries and ratings for other systems, with bearer tokens (no cookies).

Tokens come from `survey token add`; these routes are exempt from CSRF because a bearer token
is not sent by browsers on their own, so a forged cross-site request cannot carry one.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json

from flask import current_app, request

from .. import clock, credentials, stats, store
from ..db import file_pending_answers, get_db
from ..errors import api_error
from ..extensions import csrf
from . import bp
from .openapi import document

PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10000


def token_required(view):
    """401 JSON unless the request carries an active token as `Authorization: Bearer ...`;
    the view then reads every stored survey's answers."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        found = None
        if scheme.lower() == "bearer" and token:
            found = store.token_by_hash(get_db(), credentials.digest(token))
        if found is None:
            response, code = api_error(
                401, "a valid token is required: Authorization: Bearer <token>", "unauthorized"
            )
            return response, code, {"WWW-Authenticate": 'Bearer realm="survey"'}
        store.token_used(get_db(), found["id"])
        file_pending_answers()  # every stored survey counts, filed or not yet
        return view(*args, **kwargs)

    return csrf.exempt(wrapped)


class BadParameters(ValueError):
    """Query parameters the read API cannot use; `errors` lists {field, message}."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors


def filters() -> dict:
    """desk (repeatable), question (repeatable), from, to from the query; BadParameters if bad."""
    questionnaire = current_app.extensions["survey"]
    errors = []
    # An empty parameter (?desk=&from=) means "no filter", as in an HTML form.
    desks = [d for d in request.args.getlist("desk") if d]
    for desk in desks:
        if questionnaire.desk(desk) is None:
            errors.append({"field": "desk", "message": f"unknown desk {desk!r}"})
    questions = [q for q in request.args.getlist("question") if q]
    kinds = store.question_kinds(get_db())
    for question in questions:
        if kinds.get(question) != "rating":
            errors.append({"field": "question", "message": f"unknown rating question {question!r}"})
    days = {}
    for name in ("from", "to"):
        value = request.args.get(name)
        days[name] = None
        if value:
            try:
                days[name] = clock.parse_day(value)
            except ValueError as error:
                errors.append({"field": name, "message": str(error)})
    if days["from"] and days["to"] and days["from"] > days["to"]:
        errors.append({"field": "to", "message": "'to' is before 'from'"})
    if errors:
        raise BadParameters(errors)
    start, end = clock.day_range(days["from"], days["to"], current_app.config["TIMEZONE"])
    return {
        "desks": list(dict.fromkeys(desks)),
        "questions": list(dict.fromkeys(questions)),
        "from": days["from"].isoformat() if days["from"] else None,
        "to": days["to"].isoformat() if days["to"] else None,
        "start": start,
        "end": end,
    }


@bp.errorhandler(BadParameters)
def bad_parameters(error: BadParameters):
    """422 listing every bad parameter."""
    return {"errors": error.errors}, 422


@bp.get("/summary")
@token_required
def summary():
    """Per desk and rating question: mean, n, CSAT share and 95% interval, unrounded."""
    questionnaire = current_app.extensions["survey"]
    wanted = filters()
    desks = wanted["desks"] or [d.id for d in questionnaire.desks]
    summaries = stats.summarise_rows(
        store.rating_distribution(get_db(), wanted["start"], wanted["end"], desks)
    )
    body = []
    for desk in desks:
        asked = [q.id for q in questionnaire.desk_questions(desk, ("rating",))]
        # Answers to a retired question still count; they follow the current questions.
        asked += sorted(q for d, q in summaries if d == desk and q not in asked)
        if wanted["questions"]:
            asked = [q for q in asked if q in wanted["questions"]]
        body.append(
            {
                "desk": desk,
                "questions": [
                    {"question": q, **summaries.get((desk, q), stats.summarise({})).as_api()}
                    for q in asked
                ],
            }
        )
    return {"from": wanted["from"], "to": wanted["to"], "desks": body}


def encode_cursor(after: int) -> str:
    """An opaque cursor for the page after rating id `after`."""
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The rating id a cursor continues after; BadParameters for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor[:200] + "=" * (-len(cursor[:200]) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, TypeError, KeyError, RecursionError):
        after = None
    if type(after) is not int or not 0 <= after < 2**63 or len(cursor) > 200:
        raise BadParameters([{"field": "cursor", "message": "not a cursor from this API"}])
    return after


@bp.get("/ratings")
@token_required
def ratings():
    """The long export as JSON, a page at a time; follow `next` until it is null."""
    wanted = filters()
    limit = request.args.get("limit", str(PAGE_SIZE))
    # isdigit() alone admits "²", which int() refuses: only ASCII digits are a number here.
    if not (limit.isascii() and limit.isdigit()) or not 1 <= int(limit) <= MAX_PAGE_SIZE:
        raise BadParameters(
            [{"field": "limit", "message": f"must be a whole number from 1 to {MAX_PAGE_SIZE}"}]
        )
    cursor = request.args.get("cursor")
    after = decode_cursor(cursor) if cursor else 0
    rows = store.ratings_page(
        get_db(),
        after,
        int(limit) + 1,  # one more tells whether another page exists
        wanted["start"],
        wanted["end"],
        wanted["desks"] or None,
        wanted["questions"] or None,
    )
    page = rows[: int(limit)]
    more = len(rows) > int(limit)
    return {
        "ratings": [dict(zip(store.RATING_COLUMNS, row[1:], strict=True)) for row in page],
        "next": encode_cursor(page[-1][0]) if more else None,
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API (public: it holds no data)."""
    return document()
