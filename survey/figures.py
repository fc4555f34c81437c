"""Operational figures from a CSV file (`desk_id,metric,period_start,period_end,value`).

All or nothing: every line is checked, and any problem (listed with its line number) means
nothing is imported.
"""

from __future__ import annotations

import csv
import io

from . import clock, i18n, store
from .vocabulary import FIGURE_METRICS, MAX_FIGURE_VALUE


def decode(raw: bytes, lang: str = "en") -> tuple[str | None, list[str]]:
    """The file's text (UTF-8, with or without BOM), or the problem that it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [i18n.translator(lang)("the file is not UTF-8 text")]


def parse_csv(text: str, desks: set[str], lang: str = "en") -> tuple[list[dict], list[str]]:
    """Rows and per-line problems of a figures CSV; any problem means nothing is imported."""
    _ = i18n.translator(lang)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in store.FIGURE_COLUMNS if column not in header]
    if missing:
        return [], [
            _(
                "line 1: missing column(s) %(missing)s; expected %(columns)s",
                missing=", ".join(missing),
                columns=",".join(store.FIGURE_COLUMNS),
            )  # fmt: skip
        ]
    reader.fieldnames = header
    rows, problems, seen = [], [], {}
    for line, row in read_records(reader, problems, _):
        cells = {column: (row.get(column) or "").strip() for column in store.FIGURE_COLUMNS}
        if not any(cells.values()):
            continue
        errors = []
        if cells["desk_id"] not in desks:
            errors.append(_("unknown desk '%(desk)s'", desk=cells["desk_id"][:60]))
        if cells["metric"] not in FIGURE_METRICS:
            errors.append(_("unknown figure '%(metric)s' (known: %(known)s)", metric=cells["metric"][:60], known=", ".join(FIGURE_METRICS)))  # fmt: skip
        days = []
        for column in ("period_start", "period_end"):
            try:
                days.append(clock.parse_day(cells[column]))
            except ValueError:
                errors.append(_("%(column)s '%(value)s' is not a date YYYY-MM-DD", column=column, value=cells[column][:40]))  # fmt: skip
        if len(days) == 2 and days[1] < days[0]:
            errors.append(_("period_end lies before period_start"))
        try:
            value = int(cells["value"])
            if not 0 <= value <= MAX_FIGURE_VALUE:
                raise ValueError
        except ValueError:
            errors.append(_("value '%(value)s' is not a whole number from 0 to %(max)s", value=cells["value"][:40], max=MAX_FIGURE_VALUE))  # fmt: skip
            value = None
        key = (cells["desk_id"], cells["metric"], cells["period_start"], cells["period_end"])
        if not errors and key in seen:
            errors.append(_("same desk, figure and period as line %(line)s", line=seen[key]))
        seen.setdefault(key, line)
        if errors:
            problems.extend(_("line %(line)s: %(error)s", line=line, error=e) for e in errors)
        else:
            rows.append({**cells, "value": value})
    if not rows and not problems:
        problems.append(_("the file holds no figures"))
    return rows, problems


def read_records(reader, problems: list[str], _):
    """(line, row) for each record; a malformed record (bad quoting, a huge field) ends the file."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        problems.append(_("line %(line)s: %(error)s", line=reader.line_num + 1, error=f"not readable as CSV: {error}"))  # fmt: skip
