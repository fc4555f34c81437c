"""Export writers: take row iterators from store, yield chunks (memory stays flat).

Text cells that a spreadsheet would read as a formula are neutralised (OWASP "CSV injection")
in CSV and XLSX; `unneutralise` undoes it on import so that a round trip is exact.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice, starmap

from . import store, tagging
from .questionnaire import Questionnaire

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
CHUNK_ROWS = 5000
CHUNK_BYTES = 64 * 1024
FORMATS = {"csv": "csv", "xlsx": "xlsx", "json": "jsonl"}  # format -> file extension
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/x-ndjson; charset=utf-8",
}
WIDE_KEYS = ("response_id", "submitted_at", "desk", "language", "tablet")


def _formula_like(value: str) -> bool:
    # Quotes already in front count too, so that "'=x" survives export + import unchanged.
    return value.lstrip(NEUTRALISER).startswith(FORMULA_STARTS)


def neutralise(value):
    """Prefix formula-like text with a quote so spreadsheets show it as text."""
    if isinstance(value, str) and _formula_like(value):
        return NEUTRALISER + value
    return value


def unneutralise(value: str) -> str:
    """Remove the quote `neutralise` added (import of an exported file)."""
    if value.startswith(NEUTRALISER) and _formula_like(value[1:]):
        return value[1:]
    return value


# In CSV text, a cell that starts with a formula trigger (or with a quote that neutralise would
# double) sits right after a row start or a comma, perhaps behind its opening double quote.
# Checking every cell in Python halved the export speed, so each chunk is written as it is and
# only a chunk in which this pattern matches (rare; false alarms are harmless) is written again
# cell by cell.
_SUSPECT_CELL = re.compile(r"[,\n]\"?[=+\-@\t\r']")
_RARE_TRIGGERS = ("=", "+", "@", "\t", "'")


def _suspect(text: str, plain: bool) -> bool:
    """True when a cell of this chunk of CSV rows (starting at a row start) may start with a
    formula trigger.

    The pattern tries a match at every comma, a sixth of a ratings export. Text from plain_csv
    holds no double quote and no carriage return but the line ends, so there a cell can start
    only with a bare trigger: unless a rare one appears at all (one fast scan each), only "-"
    after a comma or a line break is left to look for.
    """
    if plain and not any(trigger in text for trigger in _RARE_TRIGGERS):
        return text.startswith("-") or ",-" in text or "\n-" in text
    return bool(_SUSPECT_CELL.search(text) or _SUSPECT_CELL.match("\n" + text[:2]))


def batches(rows: Iterable[Sequence], size: int) -> Iterator[list]:
    """Lists of up to `size` rows: a cursor's own fetchmany, else slices of the iterator."""
    fetch = getattr(rows, "fetchmany", None)
    if fetch is not None:
        while batch := fetch(size):
            yield batch
        return
    remaining = iter(rows)
    while batch := list(islice(remaining, size)):
        yield batch


def plain_csv(batch: Sequence[Sequence], line: str) -> str | None:
    """The rows as CSV text through one format string, or None when they need the csv module.

    csv.writer costs several times what a format string does per row (bench, "4 CSV export"),
    yet a cell needs it only to quote a comma, a double quote or a line break, or to write NULL
    as an empty cell: a few counts over the chunk's text find those. `line` holds one "{}" per
    column, comma-separated, ending in CRLF (csv.writer's numbers and text are the same).
    """
    if None in chain.from_iterable(batch):
        return None
    text = "".join(starmap(line.format, batch))
    return text if _one_line_per_row(text, line.count(","), len(batch)) else None


def _one_line_per_row(text: str, commas: int, rows: int) -> bool:
    """True when CSV text of `rows` rows needs no quoting: no double quote, and exactly the
    commas and CRLFs of `commas` separators per row (so no cell holds one)."""
    return (
        '"' not in text
        and text.count(",") == commas * rows
        and text.count("\n") == rows
        and text.count("\r") == rows
    )


def _csv_writer() -> tuple:
    """A csv.writer as exports write (CRLF) and the function that takes what it wrote."""
    buffer = io.StringIO()

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    return csv.writer(buffer, lineterminator="\r\n"), flush


def _csv_header(header: Sequence[str], bom: bool) -> str:
    writer, flush = _csv_writer()
    writer.writerow(header)
    return ("\ufeff" if bom else "") + flush()


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], bom: bool = False) -> Iterator[str]:
    """CSV text in chunks of CHUNK_ROWS rows, header first, formula-like cells neutralised."""
    writer, flush = _csv_writer()
    yield _csv_header(header, bom)
    line = ",".join(["{}"] * len(header)) + "\r\n"
    for batch in batches(rows, CHUNK_ROWS):
        text = plain_csv(batch, line)
        plain = text is not None
        if not plain:
            writer.writerows(batch)
            text = flush()
        if _suspect(text, plain):
            writer.writerows([neutralise(cell) for cell in row] for row in batch)
            text = flush()
        yield text


def csv_line_chunks(
    header: Sequence[str], lines: Iterable[Sequence[str]], bom: bool = False
) -> Iterator[str]:
    """What csv_chunks writes, from rows SQLite already joined into lines (iter_rating_lines).

    Only a line's last cell may be free text; the others hold no comma, quote or line break
    and cannot start like a formula. So a chunk passes as SQLite wrote it unless a count is
    off, a double quote appears or a cell may start like a formula; such a chunk is split back
    into cells (the last one whole) and written again through the csv module.
    """
    writer, flush = _csv_writer()
    yield _csv_header(header, bom)
    gaps = len(header) - 1
    for batch in batches(lines, CHUNK_ROWS):
        text = "".join([line for (line,) in batch])
        if _one_line_per_row(text, gaps, len(batch)) and not _suspect(text, plain=True):
            yield text
            continue
        cells = (line[:-2].split(",", gaps) for (line,) in batch)
        writer.writerows([neutralise(cell) for cell in row] for row in cells)
        yield flush()


def jsonl_chunks(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """JSON Lines: one object per row keyed by the header, in chunks of CHUNK_ROWS rows."""
    lines = []
    for row in rows:
        lines.append(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
        if len(lines) == CHUNK_ROWS:
            yield "\n".join(lines) + "\n"
            lines.clear()
    if lines:
        yield "\n".join(lines) + "\n"


# XML 1.0 cannot carry these control characters; a cell shows U+FFFD in their place.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_cell(value):
    """A value as an XLSX cell takes it: formula-like text neutralised, control characters out."""
    if isinstance(value, str):
        return neutralise(_XML_ILLEGAL.sub("\ufffd", value))
    return value


XLSX_MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included
XLSX_OPTIONS = {
    # Rows go to a temporary file per sheet as they are written, so memory stays flat.
    "constant_memory": True,
    # Every cell is written with its own type below; never let XlsxWriter guess from text.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def write_xlsx(handle, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> None:
    """Write (title, header, rows) sheets to a binary file with XlsxWriter's constant-memory mode.

    Cells are written by type (`bench.export_xlsx` measured this writer against openpyxl's
    write-only mode and PyExcelerate). Rows beyond Excel's limit continue on a sheet named
    "<title> (2)", with the header repeated.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(handle, XLSX_OPTIONS)
    for title, header, rows in sheets:
        part, used = 1, XLSX_MAX_ROWS
        for row in rows:
            if used == XLSX_MAX_ROWS:
                sheet = workbook.add_worksheet(title if part == 1 else f"{title} ({part})")
                write_string, write_number = sheet.write_string, sheet.write_number
                sheet.write_row(0, 0, list(header))
                part, used = part + 1, 1
            for column, cell in enumerate(row):
                if isinstance(cell, str):
                    write_string(used, column, xlsx_cell(cell))
                elif isinstance(cell, int | float) and not isinstance(cell, bool):
                    write_number(used, column, cell)
                elif cell is not None:
                    write_string(used, column, xlsx_cell(str(cell)))
            used += 1
        if part == 1:  # no rows: the sheet still has its header
            workbook.add_worksheet(title).write_row(0, 0, list(header))
    workbook.close()


def xlsx_chunks(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> Iterator[bytes]:
    """The XLSX file in byte chunks (an XLSX is a zip: it exists whole before it can be sent)."""
    with tempfile.TemporaryFile() as handle:
        write_xlsx(handle, sheets)
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


def wide_header(question_ids: Sequence[str]) -> list[str]:
    """Columns of the wide shape: one row per response and desk, one column per question."""
    return [*WIDE_KEYS, *question_ids]


def wide_rows(long_rows: Iterable[Sequence], question_ids: Sequence[str]) -> Iterator[list]:
    """Fold long rows (store.iter_ratings order: by response, then desk) into wide rows.

    A question not answered (skipped, or not asked at that desk) is an empty cell.
    """
    position = {q: i for i, q in enumerate(question_ids, start=len(WIDE_KEYS))}
    current, row = None, None
    for response_id, submitted_at, desk, question, value, language, tablet in long_rows:
        key = (response_id, desk)
        if key != current:
            if row is not None:
                yield row
            current = key
            row = [response_id, submitted_at, desk, language, tablet] + [None] * len(position)
        if question in position:
            row[position[question]] = value
    if row is not None:
        yield row


COLUMN_MEANINGS = {
    "response_id": "the survey's id (a UUID); rows with the same id are one client's answers",
    "submitted_at": "when the survey was completed, UTC, ISO-8601",
    "desk": "the desk rated",
    "question": "the question id (texts in the questions part below)",
    "value": "the rating, 1 (very dissatisfied) to 5 (very satisfied)",
    "language": "the language the client chose",
    "tablet": "the tablet's name (or a label given on import)",
    "text": "the client's free text, with personal data redacted",
    "label": "sentiment label: positive, neutral or negative",
    "polarity": "sentiment polarity, -1 (negative) to 1 (positive)",
    "status": "curation state: pending, selected or rejected",
    "topics": "what the comment is about, topic ids separated by spaces (see the topic rows below)",
}


def topic_descriptions() -> dict[str, str]:
    """The comment topics and what each means (imported here: its patterns cost start-up time)."""
    from .topics import DESCRIPTIONS

    return DESCRIPTIONS


def codebook_rows(
    questionnaire: Questionnaire, columns: Sequence[str]
) -> tuple[list[str], list[list]]:
    """(header, rows) of the codebook: every column, then every question's text per language."""
    languages = list(questionnaire.languages)
    header = ["name", "kind", "meaning", *[f"text_{lang}" for lang in languages]]
    rows: list[list] = []
    for column in columns:
        meaning = COLUMN_MEANINGS.get(column)
        if meaning is None and questionnaire.question(column):
            meaning = "rating 1-5 for this question (empty: not answered)"
        rows.append([column, "column", meaning or "", *[""] * len(languages)])
    for question in questionnaire.questions:
        texts = [questionnaire.text(question.text, lang) for lang in languages]
        rows.append([question.id, question.kind, ", ".join(question.desks), *texts])
    for desk in questionnaire.desks:
        names = [questionnaire.text(desk.name, lang) for lang in languages]
        rows.append([desk.id, "desk", "", *names])
    if "topics" in columns:
        for topic, meaning in topic_descriptions().items():
            rows.append([topic, "topic", meaning, *[""] * len(languages)])
    return header, rows


@dataclass(frozen=True)
class ExportSpec:
    """What to export: stored-time bounds [start, end), filters, and the file's form."""

    start: str | None = None
    end: str | None = None
    desks: list[str] | None = None
    questions: list[str] | None = None
    comments: bool = False
    shape: str = "long"  # long / wide
    fmt: str = "csv"  # csv / xlsx / json
    bom: bool = False


def wide_questions(db, questionnaire: Questionnaire, spec: ExportSpec) -> list[str]:
    """Rating question ids for the wide shape: the questionnaire's order, then retired ones."""
    kinds = store.question_desks(db)
    ids = [q.id for q in questionnaire.rating_questions()]
    ids += [q for q, (kind, _, _) in kinds.items() if kind == "rating" and q not in ids]
    if spec.questions:
        ids = [q for q in ids if q in spec.questions]
    if spec.desks:
        ids = [q for q in ids if q in kinds and set(kinds[q][1]) & set(spec.desks)]
    return ids


def ratings_table(db, questionnaire: Questionnaire, spec: ExportSpec):
    """(header, rows) of the ratings in the spec's shape, streamed from the store."""
    rows = store.iter_ratings(db, spec.start, spec.end, spec.desks, spec.questions)
    if spec.shape == "wide":
        question_ids = wide_questions(db, questionnaire, spec)
        return wide_header(question_ids), wide_rows(rows, question_ids)
    return list(store.RATING_COLUMNS), rows


def comments_table(db, spec: ExportSpec):
    """(header, rows) of the comments (already redacted), streamed from the store."""
    rows = store.iter_comments(db, spec.start, spec.end, spec.desks, spec.questions)
    return list(store.COMMENT_COLUMNS), rows


def export_chunks(db, questionnaire: Questionnaire, spec: ExportSpec) -> Iterator:
    """The export file as chunks: str for CSV and JSON Lines, bytes for XLSX."""
    if spec.comments:
        tagging.tag_untagged(db, questionnaire, limit=None)  # every exported comment is tagged
    if spec.fmt == "xlsx":
        header, rows = ratings_table(db, questionnaire, spec)
        sheets = [("ratings", header, rows)]
        columns = list(header)
        if spec.comments:
            comment_header, comment_rows = comments_table(db, spec)
            sheets.append(("comments", comment_header, comment_rows))
            columns += [c for c in comment_header if c not in columns]
        sheets.append(("codebook", *codebook_rows(questionnaire, columns)))
        return xlsx_chunks(sheets)
    if spec.fmt == "csv" and not spec.comments and spec.shape == "long":
        # The largest export there is: SQLite joins each row into its line (a quarter faster).
        lines = store.iter_rating_lines(db, spec.start, spec.end, spec.desks, spec.questions)
        return csv_line_chunks(store.RATING_COLUMNS, lines, bom=spec.bom)
    header, rows = (
        comments_table(db, spec) if spec.comments else ratings_table(db, questionnaire, spec)
    )
    if spec.fmt == "json":
        return jsonl_chunks(header, rows)
    return csv_chunks(header, rows, bom=spec.bom)


def filename(spec: ExportSpec, first: str | None, last: str | None) -> str:
    """survey-<desk>-<from>-<to>.<ext> for a download."""
    desks = "-".join(spec.desks) if spec.desks else "all"
    return f"survey-{desks}-{first or 'start'}-{last or 'end'}.{FORMATS[spec.fmt]}"
