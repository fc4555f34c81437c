"""Operational figures (entered or imported from CSV) and dated period notes."""

from __future__ import annotations

import csv
import io

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from .. import auth, clock, i18n, store
from ..db import get_db
from . import bp
from .forms import METRICS, FigureForm, FigureImportForm, NoteForm

CSV_COLUMNS = store.FIGURE_COLUMNS  # desk_id, metric, period_start, period_end, value
MAX_VALUE = 10_000_000


def parse_figures_csv(text: str, desks: set[str]) -> tuple[list[dict], list[str]]:
    """Rows and per-line problems of a figures CSV; any problem means nothing is imported."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        return [], [
            _(
                "line 1: missing column(s) %(missing)s; expected %(columns)s",
                missing=", ".join(missing),
                columns=",".join(CSV_COLUMNS),
            )  # fmt: skip
        ]
    reader.fieldnames = header
    rows, problems, seen = [], [], {}
    for line, row in read_records(reader, problems):
        cells = {column: (row.get(column) or "").strip() for column in CSV_COLUMNS}
        if not any(cells.values()):
            continue
        errors = []
        if cells["desk_id"] not in desks:
            errors.append(_("unknown desk '%(desk)s'", desk=cells["desk_id"][:60]))
        if cells["metric"] not in METRICS:
            errors.append(_("unknown figure '%(metric)s' (known: %(known)s)", metric=cells["metric"][:60], known=", ".join(METRICS)))  # fmt: skip
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
            if not 0 <= value <= MAX_VALUE:
                raise ValueError
        except ValueError:
            errors.append(_("value '%(value)s' is not a whole number from 0 to %(max)s", value=cells["value"][:40], max=MAX_VALUE))  # fmt: skip
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


def read_records(reader, problems: list[str]):
    """(line, row) for each record; a malformed record (bad quoting, a huge field) ends the file."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        problems.append(_("line %(line)s: %(error)s", line=reader.line_num + 1, error=f"not readable as CSV: {error}"))  # fmt: skip


def desk_choices(optional: bool = False) -> list[SelectChoice]:
    """Every desk (id, name), for a select."""
    questionnaire = current_app.extensions["survey"]
    lang = i18n.page_language()
    choices = [SelectChoice(d.id, questionnaire.desk_name(d.id, lang)) for d in questionnaire.desks]
    return ([SelectChoice("", _("Every desk"))] if optional else []) + choices


def forms():
    """The page's three forms, with the desk choices filled in."""
    figure, note, upload = FigureForm(prefix="figure"), NoteForm(prefix="note"), FigureImportForm(prefix="csv")  # fmt: skip
    figure.desk.choices = desk_choices()
    note.desk.choices = desk_choices(optional=True)
    return figure, note, upload


def render_page(figure, note, upload, problems=(), status=200):
    """The figures page with its forms and the stored figures and notes."""
    db = get_db()
    return render_template(
        "coordinator/figures.html",
        figure_form=figure,
        note_form=note,
        import_form=upload,
        problems=problems,
        figures=store.figures_within(db),
        notes=store.notes_overlapping(db),
        metrics=METRICS,
        columns=CSV_COLUMNS,
    ), status


@bp.get("/figures")
@auth.login_required
def figures():
    """Figures per desk and period, period notes, and the forms to add them."""
    return render_page(*forms())


@bp.post("/figures")
@auth.login_required
def figure_add():
    """Enter (or correct) one figure."""
    figure, note, upload = forms()
    if not figure.validate_on_submit():
        return render_page(figure, note, upload, status=400)
    first, last = figure.first.data.isoformat(), figure.last.data.isoformat()
    store.set_figure(
        get_db(), figure.desk.data, figure.metric.data, first, last, figure.value.data, auth.actor()
    )
    store.audit(
        get_db(),
        auth.actor(),
        "figure.set",
        f"{figure.desk.data}/{figure.metric.data}",
        {"from": first, "to": last, "value": figure.value.data},
    )
    flash(_("Figure saved."), "success")
    return redirect(url_for("coordinator.figures"))


@bp.post("/figures/import")
@auth.login_required
def figure_import():
    """Import figures from CSV: every row valid, or nothing stored."""
    figure, note, upload = forms()
    if not upload.validate_on_submit():
        return render_page(figure, note, upload, status=400)
    raw = upload.file.data.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return render_page(figure, note, upload, [_("the file is not UTF-8 text")], 400)
    desks = {d.id for d in current_app.extensions["survey"].desks}
    rows, problems = parse_figures_csv(text, desks)
    if problems:
        return render_page(figure, note, upload, problems, 400)
    count = store.set_figures(get_db(), rows, auth.actor())
    store.audit(
        get_db(), auth.actor(), "figure.imported", upload.file.data.filename, {"rows": count}
    )
    flash(_("Imported %(n)s figures.", n=count), "success")
    return redirect(url_for("coordinator.figures"))


@bp.post("/figures/<int:figure_id>/delete")
@auth.login_required
def figure_delete(figure_id: int):
    """Remove a figure entered by mistake."""
    if not store.delete_figure(get_db(), figure_id):
        abort(404)
    store.audit(get_db(), auth.actor(), "figure.deleted", str(figure_id))
    flash(_("Figure removed."), "success")
    return redirect(url_for("coordinator.figures"))


@bp.post("/notes")
@auth.login_required
def note_add():
    """Add a period note (shown on the trend charts and in the report)."""
    figure, note, upload = forms()
    if not note.validate_on_submit():
        return render_page(figure, note, upload, status=400)
    first, last = note.starts_on.data.isoformat(), note.ends_on.data.isoformat()
    desk = note.desk.data or None
    store.add_note(get_db(), first, last, desk, note.text.data.strip(), auth.actor())
    store.audit(get_db(), auth.actor(), "note.added", desk or "", {"from": first, "to": last})
    flash(_("Note saved."), "success")
    return redirect(url_for("coordinator.figures"))


@bp.post("/notes/<int:note_id>/delete")
@auth.login_required
def note_delete(note_id: int):
    """Remove a period note."""
    if not store.delete_note(get_db(), note_id):
        abort(404)
    store.audit(get_db(), auth.actor(), "note.deleted", str(note_id))
    flash(_("Note removed."), "success")
    return redirect(url_for("coordinator.figures"))
