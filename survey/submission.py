"""One validation for every way a completed survey arrives (kiosk form, JSON API, replay).

`validate` turns a payload (the JSON shape of `POST /api/v1/responses`) into a `Submission` or a
list of errors; `record` turns a valid submission into stored rows. Free text is redacted here,
before the write transaction, so the raw text never reaches the database and the write lock is
held only for the inserts; it is tagged later, by the first read that needs it (tagging.py).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from . import clock, redact, store
from .questionnaire import Question, Questionnaire
from .text import clean

MAX_TEXT = 2000
ALLOWED_KEYS = {
    "id",
    "language",
    "desks",
    "ratings",
    "answers",
    "choices",
    "started_at",
    "submitted_at",
    "visit_id",
}
MAX_VISIT_ID = 2**63 - 1  # SQLite's INTEGER range


@dataclass
class Submission:
    id: str
    language: str
    desks: list[str]
    ratings: list[tuple[str, str, int]] = field(default_factory=list)  # desk, question, value
    choices: list[tuple[str | None, str, str]] = field(default_factory=list)  # desk, q, option
    answers: list[tuple[str | None, str, str]] = field(default_factory=list)  # desk, q, text
    started_at: str | None = None
    submitted_at: str | None = None
    visit_id: int | None = None


class SubmissionErrors(ValueError):
    """The payload is invalid; `errors` lists {"field", "message"} dicts."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def check_text(value: Any) -> str | None:
    """The problem with a free-text value, or None: plain text up to MAX_TEXT characters."""
    if not isinstance(value, str):
        return "must be a string"
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate"
    return None


def canonical_uuid(value: Any) -> str | None:
    """Any RFC 4122 UUID in its 36-character form, lower-cased; None if it is not one.

    One survey has one id: "3F2B..." and "3f2b..." are the same response, stored once.
    """
    if not isinstance(value, str) or len(value.strip()) != 36:
        return None
    try:
        parsed = uuid.UUID(value.strip())
    except ValueError:
        return None
    return str(parsed) if parsed.variant == uuid.RFC_4122 else None


def validate(
    payload: Any,
    questionnaire: Questionnaire,
    served_desks: list[str] | None = None,
    retired: dict[str, Question] | None = None,
) -> Submission:
    """Check a payload against the questionnaire; raise SubmissionErrors listing every problem.

    `served_desks` limits the desks to those the submitting tablet serves. `retired` holds the
    questions removed from questions.yaml: a survey queued before the removal keeps its answers.
    """
    errors: list[dict[str, str]] = []

    def find(question_id: Any) -> Question | None:
        found = questionnaire.question(question_id)
        if found is None and retired and isinstance(question_id, str):
            found = retired.get(question_id)
        return found

    def error(place: str, message: str) -> None:
        errors.append({"field": place, "message": message})

    if not isinstance(payload, dict):
        raise SubmissionErrors([{"field": "", "message": "expected a JSON object"}])
    for key in sorted(set(payload) - ALLOWED_KEYS):
        error(key, "unknown field")

    response_id = canonical_uuid(payload.get("id"))
    if response_id is None:
        error("id", "must be a UUID such as 3f2b8c1e-6a0d-4c1e-9b7a-2d4e5f6a7b8c")

    language = payload.get("language")
    if not isinstance(language, str) or language not in questionnaire.languages:
        error("language", f"must be one of {', '.join(questionnaire.languages)}")

    desks = payload.get("desks")
    visited: list[str] = []
    if not isinstance(desks, list) or not desks:
        error("desks", "must list at least one desk")
    else:
        for i, desk in enumerate(desks):
            if not isinstance(desk, str) or questionnaire.desk(desk) is None:
                error(f"desks[{i}]", f"unknown desk {str(desk)[:60]!r}")
            elif served_desks is not None and desk not in served_desks:
                error(f"desks[{i}]", f"this tablet does not serve desk '{desk}'")
            elif desk in visited:
                error(f"desks[{i}]", f"desk '{desk}' is listed twice")
            else:
                visited.append(desk)

    def entries(key: str) -> list[tuple[str, dict]]:
        value = payload.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            error(key, "must be a list")
            return []
        good = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                good.append((f"{key}[{i}]", item))
            else:
                error(f"{key}[{i}]", "must be an object")
        return good

    seen: set[tuple[str, str | None, str]] = set()

    def target(place: str, item: dict, kinds: tuple[str, ...], what: str):
        """Resolve an item's question and desk; None when invalid (the error is recorded)."""
        question = find(item.get("question"))
        desk = item.get("desk")
        if question is None:
            error(f"{place}.question", f"unknown question {str(item.get('question'))[:60]!r}")
            return None
        if question.kind not in kinds:
            error(f"{place}.question", f"question '{question.id}' does not take {what}")
            return None
        if question.per_desk:
            if desk not in visited:
                error(f"{place}.desk", f"desk {desk!r} is not among the visited desks")
                return None
            if desk not in question.desks:
                error(f"{place}.desk", f"question '{question.id}' is not asked for desk '{desk}'")
                return None
        elif desk is not None:
            error(f"{place}.desk", f"question '{question.id}' is not asked per desk; use null")
            return None
        key = (what, desk, question.id)
        if key in seen:
            error(place, f"question '{question.id}' is answered twice")
            return None
        seen.add(key)
        return question, desk

    submission = Submission(id=str(response_id), language=str(language), desks=visited)
    for place, item in entries("ratings"):
        resolved = target(place, item, ("rating",), "a rating")
        value = item.get("value")
        # bool is an int subclass and 5.0 == 5: both are refused, a rating is a JSON integer.
        if type(value) is not int or not 1 <= value <= 5:
            error(f"{place}.value", "must be a whole number from 1 to 5")
        elif resolved:
            submission.ratings.append((resolved[1], resolved[0].id, value))
    for place, item in entries("choices"):
        resolved = target(place, item, ("choice",), "a choice")
        value = item.get("value")
        if resolved and value not in resolved[0].option_ids():
            error(f"{place}.value", f"must be one of {', '.join(resolved[0].option_ids())}")
        elif resolved:
            submission.choices.append((resolved[1], resolved[0].id, value))
    for place, item in entries("answers"):
        question = find(item.get("question"))
        # A rating question with `comment: true` takes its comment as an answer.
        kinds = ("text", "rating") if question is None or question.comment else ("text",)
        resolved = target(place, item, kinds, "a text answer")
        answer = clean(item.get("text"))
        problem = check_text(answer)
        if problem:
            error(f"{place}.text", problem)
        elif resolved and answer.strip():
            submission.answers.append((resolved[1], resolved[0].id, answer.strip()))

    for key in ("started_at", "submitted_at"):
        value = payload.get(key)
        if value is None:
            continue
        try:
            moment = clock.parse_timestamp(value)
        except clock.Implausible:
            # The tablet's clock is off: keep the survey, timed by the server's receive time.
            continue
        except ValueError:
            error(key, "must be an ISO-8601 time with a zone, e.g. 2021-06-30T12:00:00Z")
            continue
        setattr(submission, key, clock.stamp(moment))

    visit_id = payload.get("visit_id")
    if visit_id is not None and (type(visit_id) is not int or not 0 < visit_id <= MAX_VISIT_ID):
        error("visit_id", "must be a positive integer")
    submission.visit_id = visit_id

    if errors:
        raise SubmissionErrors(errors)
    return submission


def fingerprint(submission: Submission, comments: list[dict[str, Any]]) -> str:
    """A hash of what the client answered (not when), computed on the redacted text.

    A double tap or an offline replay sends the same answers, maybe with another clock reading,
    and must be recognised as the same response.
    """
    content = {
        "language": submission.language,
        "desks": sorted(submission.desks),
        "ratings": sorted(submission.ratings),
        "choices": sorted((d or "", q, v) for d, q, v in submission.choices),
        "comments": sorted((c["desk_id"] or "", c["question_id"], c["text"]) for c in comments),
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def comment_row(desk: str | None, question: str, text: str, language: str | None) -> dict:
    """The stored form of one free-text answer: redacted, not yet tagged.

    Tagging waits for the first read that needs it (survey/tagging.py): the client's survey is
    stored and acknowledged without it.
    """
    redacted = redact.redact(text)
    return {
        "desk_id": desk,
        "question_id": question,
        "text": redacted.text,
        "redactions": redacted.count,
        "language": language,
    }


def comment_rows(submission: Submission) -> list[dict[str, Any]]:
    """The stored form of each free-text answer; the raw text goes no further than this."""
    return [
        comment_row(desk, question, text, submission.language)
        for desk, question, text in submission.answers
    ]


def record(
    db, submission: Submission, tablet: str | None, source: str, tablet_id: int | None = None
) -> str:
    """Store a validated submission once; return store.CREATED, REPLAY or CONFLICT.

    Raise SubmissionErrors when its armed visit was claimed by another survey meanwhile.

    `tablet` is the name stored with the response; `tablet_id`, when given, is the paired tablet
    whose last contact is recorded in the same transaction.
    """
    comments = comment_rows(submission)
    response = {
        "id": submission.id,
        "submitted_at": submission.submitted_at or clock.stamp(),
        "started_at": submission.started_at,
        "language": submission.language,
        "desks": json.dumps(submission.desks),
        "tablet": tablet,
        "source": source,
        "fingerprint": fingerprint(submission, comments),
        "visit_id": submission.visit_id,
    }
    try:
        return store.save_response(
            db, response, submission.ratings, submission.choices, comments, tablet_id
        )
    except store.VisitTaken:
        # Two surveys raced for one armed visit: the first one stored keeps it.
        raise SubmissionErrors(
            [{"field": "visit_id", "message": "this visit already has its survey"}]
        ) from None
