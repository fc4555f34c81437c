"""`survey import`: the long ratings CSV and the comments CSV back into the database.

Everything is validated first and every problem reported with its line number; only a file
without a single problem is written, in one transaction. The same files bring in results that
were collected on paper or in another survey tool.

Re-importing an answer that is already stored with the same value (or text) skips it, so an
import can safely be repeated; the same answer with another value is an error for that line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from . import clock, redact, sentiment, store
from .exports import unneutralise
from .questionnaire import Questionnaire
from .submission import canonical_uuid, check_text
from .text import clean

RATINGS, COMMENTS = "ratings", "comments"
LABELS = ("positive", "neutral", "negative")
STATUSES = ("pending", "selected", "rejected")
MAX_ERRORS = 200  # a wrong file should not print a million lines


class ImportErrors(ValueError):
    """The file has problems; `problems` lists "line N: ..." messages."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportResult:
    kind: str
    responses: int = 0  # new responses created
    added: int = 0  # ratings or comments written
    skipped: int = 0  # already stored, identical
    rows: int = 0


@dataclass
class _Response:
    line: int
    submitted_at: str
    language: str
    tablet: str | None
    desks: list[str] = field(default_factory=list)
    comment_language: str | None = None


def detect(header: list[str]) -> str | None:
    """RATINGS or COMMENTS from a header row, or None."""
    header = [name.strip() for name in header]
    if tuple(header) == store.RATING_COLUMNS:
        return RATINGS
    # Exports from before topics existed lack the last column; topics are tagged afresh anyway.
    if tuple(header) in (store.COMMENT_COLUMNS, store.COMMENT_COLUMNS[:-1]):
        return COMMENTS
    return None


class _NotUtf8(ValueError):
    def __init__(self, line: int):
        self.line = line


def _decoded_lines(handle) -> Iterator[str]:
    """The file's lines as text, one at a time (a large file is never held whole)."""
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8(number) from None
        yield text.removeprefix("\ufeff") if number == 1 else text  # Excel's BOM


def _not_utf8(line: int) -> str:
    return f"line {line}: not valid UTF-8 (save the file as CSV UTF-8)"


def read_rows(handle: BinaryIO):
    """(kind, rows): rows yields (line, cells), or (line, message) where reading stops.

    Raise ImportErrors when the header is unreadable or not an export's.
    """
    reader = csv.reader(_decoded_lines(handle), strict=True)  # bad quoting is an error, not data
    try:
        header = next(reader, None)
    except _NotUtf8 as error:
        raise ImportErrors([_not_utf8(error.line)]) from None
    except csv.Error as error:
        raise ImportErrors([f"line 1: not readable as CSV: {error}"]) from None
    if header is None:
        raise ImportErrors(["line 1: the file is empty"])
    kind = detect(header)
    if kind is None:
        raise ImportErrors(
            [
                "line 1: unknown header; expected "
                f"{','.join(store.RATING_COLUMNS)} (ratings) or "
                f"{','.join(store.COMMENT_COLUMNS)} (comments)"
            ]
        )

    # An export from before the topics column: give each full row its empty topics cell.
    missing = len(store.COMMENT_COLUMNS) - len(header) if kind == COMMENTS else 0

    def rows():
        # The line a record starts on: the reader counts physical lines, quoted newlines too.
        line = reader.line_num + 1
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield line, row + [""] * missing if len(row) == len(header) else row
                line = reader.line_num + 1
        except _NotUtf8 as error:
            yield error.line, _not_utf8(error.line).split(": ", 1)[1]
        except csv.Error as error:
            yield line, f"not readable as CSV: {error}"

    return kind, rows()


def import_file(db, questionnaire: Questionnaire, data: bytes | BinaryIO) -> ImportResult:
    """Validate a whole file, then write it in one transaction; raise ImportErrors otherwise."""
    handle = io.BytesIO(data) if isinstance(data, bytes) else data
    kind, rows = read_rows(handle)
    return Importer(db, questionnaire, kind).run(rows)


class Importer:
    """One file's validation: rows are checked alone, then against each other and the store."""

    def __init__(self, db, questionnaire: Questionnaire, kind: str):
        self.db, self.questionnaire, self.kind = db, questionnaire, kind
        self.width = len(store.RATING_COLUMNS if kind == RATINGS else store.COMMENT_COLUMNS)
        self.desks = store.known_desk_ids(db)
        self.questions = store.question_desks(db)
        self.problems: list[str] = []
        self.responses: dict[str, _Response] = {}
        self.answers: dict[tuple, tuple[int, Any]] = {}  # (rid, desk, question) -> line, row
        # One string object per distinct id/label: a million rows repeat a few thousand values.
        self.strings: dict[str, str] = {}

    def problem(self, line: int, message: str) -> None:
        """Record one problem for the report."""
        self.problems.append(f"line {line}: {message}")

    def run(self, rows) -> ImportResult:
        """Check every row, then the file against the store; write only a flawless file."""
        count = 0
        for line, row in rows:
            count += 1
            if len(self.problems) >= MAX_ERRORS:
                self.problems.append(f"... stopped after {MAX_ERRORS} problems")
                break
            if isinstance(row, str):
                self.problem(line, row)
                break
            if len(row) != self.width:
                self.problem(line, f"expected {self.width} columns, found {len(row)}")
                continue
            self.check_row(line, [clean(unneutralise(cell)) for cell in row])
        if not self.problems:
            plan = self.against_store()
            self.problems.sort(key=lambda p: int(p.split(":")[0].removeprefix("line ")))
        if self.problems:
            raise ImportErrors(self.problems)
        result, responses, ratings, comments, updates = plan
        store.import_answers(self.db, responses, ratings, comments, updates)
        result.rows = count
        return result

    # --- one row ----------------------------------------------------------------------------

    def check_row(self, line: int, row: list[str]) -> None:
        """Check one row alone and against the rows before it."""
        rid_text, at_text, desk, question_id = (cell.strip() for cell in row[:4])
        errors_before = len(self.problems)
        rid = canonical_uuid(rid_text)
        if rid is not None:
            rid = self.strings.setdefault(rid, rid)
            desk = self.strings.setdefault(desk, desk)
            question_id = self.strings.setdefault(question_id, question_id)
        if rid is None:
            self.problem(line, f"response_id {rid_text!r} is not a UUID")
        try:
            at = clock.normalise(at_text)
        except clock.Implausible as implausible:
            at = None
            self.problem(line, f"submitted_at {implausible}")
        except ValueError:
            at = None
            self.problem(line, f"submitted_at {at_text[:40]!r} is not an ISO-8601 time with a zone")
        desk = desk or None
        if desk is not None and desk not in self.desks:
            self.problem(line, f"unknown desk {desk!r}")
        question = self.questions.get(question_id)
        if question is None:
            self.problem(line, f"unknown question {question_id!r}")
        if self.kind == RATINGS:
            answer = self.check_rating(line, row, desk, question_id, question)
            language, tablet = row[5].strip(), row[6].strip() or None
        else:
            answer = self.check_comment(line, row, desk, question_id, question)
            language, tablet = None, None
        if len(self.problems) > errors_before:
            return
        self.check_response(line, rid, at, language, tablet, desk)
        if self.kind == COMMENTS and self.responses[rid].comment_language is None:
            self.responses[rid].comment_language = answer["language"]
        key = (rid, desk, question_id)
        if key in self.answers:
            first = self.answers[key][0]
            self.problem(
                line,
                f"response {rid} answers {question_id!r} for desk {desk!r} twice"
                f" (first on line {first})",
            )
        else:
            self.answers[key] = (line, answer)

    def check_rating(self, line, row, desk, question_id, question):
        """The rating's value (or None), recording what is wrong with the row."""
        value_text, language, tablet = row[4].strip(), row[5].strip(), row[6]
        if question is not None:
            kind, asked_at, _ = question
            if kind != "rating":
                self.problem(line, f"question {question_id!r} is not a rating question")
            elif desk is None:
                self.problem(line, "desk is empty; a rating is always for a desk")
            elif desk in self.desks and desk not in asked_at:
                self.problem(line, f"question {question_id!r} is not asked at desk {desk!r}")
        if value_text not in ("1", "2", "3", "4", "5"):
            self.problem(line, f"value {value_text!r} must be a whole number from 1 to 5")
        if language not in self.questionnaire.languages:
            self.problem(
                line,
                f"language {language!r} must be one of {', '.join(self.questionnaire.languages)}",
            )
        if len(tablet) > 100:
            self.problem(line, "tablet is longer than 100 characters")
        return int(value_text) if value_text in ("1", "2", "3", "4", "5") else None

    def check_comment(self, line, row, desk, question_id, question):
        """The comment row to store (redacted, tagged), recording what is wrong with the row."""
        text, language, label, polarity_text, status = (
            row[4],
            row[5].strip(),
            row[6].strip(),
            row[7].strip(),
            row[8].strip(),
        )
        if question is not None:
            kind, asked_at, takes_comment = question
            if kind == "text" or (kind == "rating" and takes_comment):
                if asked_at and desk not in asked_at:
                    self.problem(line, f"question {question_id!r} is not asked at desk {desk!r}")
                elif not asked_at and desk is not None:
                    self.problem(line, f"question {question_id!r} is not asked per desk")
            else:
                self.problem(line, f"question {question_id!r} takes no free text")
        problem = check_text(text)
        if problem or not text.strip():
            self.problem(line, f"text {problem or 'is empty'}")
        if len(language) > 20:
            self.problem(line, "language is longer than 20 characters")
        if label and label not in LABELS:
            self.problem(line, f"label {label!r} must be empty or one of {', '.join(LABELS)}")
        polarity = None
        if polarity_text:
            try:
                polarity = float(polarity_text)
            except ValueError:
                polarity = math.nan
            if not -1 <= polarity <= 1:
                self.problem(line, f"polarity {polarity_text!r} must be a number from -1 to 1")
        if status not in STATUSES:
            self.problem(line, f"status {status!r} must be one of {', '.join(STATUSES)}")
        # Text from paper or another tool may hold personal data: redact it as the kiosk does.
        # Exported text is redacted already, and redaction leaves its placeholders alone.
        redacted = redact.redact(text)
        asked = self.questionnaire.question(question_id)
        tag = sentiment.tag_answer(redacted.text, language or None, asked) if not problem else None
        given = bool(label or polarity_text)
        return {
            "text": redacted.text,
            "redactions": redacted.count,
            "language": language or (tag.language if tag else None),
            "label": label or None if given else (tag.label if tag else None),
            "polarity": polarity if given else (tag.polarity if tag else None),
            "subjectivity": tag.subjectivity if tag else None,
            "topics": json.dumps(list(tag.topics)) if tag else None,
            "status": status,
        }

    def check_response(self, line, rid, at, language, tablet, desk) -> None:
        """Rows of one response agree on its time (and, for ratings, language and tablet)."""
        response = self.responses.get(rid)
        if response is None:
            response = self.responses[rid] = _Response(line, at, language, tablet)
        else:
            for name, mine, theirs in (
                ("submitted_at", at, response.submitted_at),
                ("language", language, response.language),
                ("tablet", tablet, response.tablet),
            ):
                if mine != theirs:
                    self.problem(
                        line,
                        f"{name} {mine or ''!r} differs from line {response.line}"
                        f" ({theirs or ''!r}) for the same response_id",
                    )
        if desk is not None and desk not in response.desks:
            response.desks.append(desk)

    # --- the file against what is stored ----------------------------------------------------

    def against_store(self):
        """Compare with stored responses and answers; return the result and the rows to write."""
        stored = store.stored_responses(self.db, self.responses)
        existing = store.stored_answers(self.db, self.kind, stored)
        result = ImportResult(self.kind)
        updates = []
        for rid, response in self.responses.items():
            before = stored.get(rid)
            if before is None:
                continue
            if before["submitted_at"] != response.submitted_at:
                self.problem(
                    response.line,
                    f"response {rid} is already stored with submitted_at {before['submitted_at']}",
                )
            if self.kind == RATINGS and before["language"] != response.language:
                self.problem(
                    response.line,
                    f"response {rid} is already stored with language {before['language']!r}",
                )
            if self.kind == RATINGS and before["tablet"] not in (None, response.tablet):
                self.problem(
                    response.line,
                    f"response {rid} is already stored with tablet {before['tablet']!r}",
                )
            desks = before["desks"] + [d for d in response.desks if d not in before["desks"]]
            if desks != before["desks"] or (self.kind == RATINGS and before["tablet"] is None):
                updates.append({"id": rid, "desks": json.dumps(desks), "tablet": response.tablet})
        skip = set()
        for key, old in existing.items():
            if key not in self.answers:
                continue
            line, answer = self.answers[key]
            if old == (answer if self.kind == RATINGS else answer["text"]):
                skip.add(key)
            else:
                self.problem(
                    line,
                    f"response {key[0]} already has another answer to {key[2]!r}"
                    f" for desk {key[1]!r} ({old!r})",
                )
        result.skipped = len(skip)
        result.added = len(self.answers) - len(skip)
        result.responses = len(self.responses) - len(stored)
        # Generators: the rows to write are made while they are written, not held twice.
        answers = ((k, a) for k, (_, a) in self.answers.items() if k not in skip)
        if self.kind == RATINGS:
            ratings = (
                (rid, desk, q, value, self.responses[rid].submitted_at)
                for (rid, desk, q), value in answers
            )
            comments = ()
        else:
            ratings = ()
            comments = (
                {
                    **answer,
                    "response_id": rid,
                    "desk_id": desk,
                    "question_id": q,
                    "submitted_at": self.responses[rid].submitted_at,
                }
                for (rid, desk, q), answer in answers
            )
        responses = (
            self.new_response(rid, response)
            for rid, response in self.responses.items()
            if rid not in stored
        )
        return result, responses, ratings, comments, updates

    def new_response(self, rid: str, response: _Response) -> dict[str, Any]:
        """The responses row for a response the file introduces."""
        language = response.language
        if self.kind == COMMENTS:
            # A comments-only response takes its first comment's language if it is a
            # questionnaire language; a later ratings import must then agree with it.
            first = response.comment_language
            language = (
                first
                if first in self.questionnaire.languages
                else self.questionnaire.default_language
            )
        return {
            "id": rid,
            "submitted_at": response.submitted_at,
            "received_at": clock.stamp(),
            "language": language,
            "desks": json.dumps(response.desks),
            "tablet": response.tablet,
            "source": "import",
            "fingerprint": hashlib.sha256(f"import:{rid}".encode()).hexdigest(),
        }
