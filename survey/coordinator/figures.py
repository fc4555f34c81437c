"""Operational figures (entered or imported from CSV) and dated period notes."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from .. import auth, i18n, store
from ..db import get_db
from ..figures import decode, parse_csv
from . import bp
from .forms import METRICS, FigureForm, FigureImportForm, NoteForm


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
        notes=[{**n, "text_nl": store.note_text(n, "nl")} for n in store.notes_overlapping(db)],
        metrics=METRICS,
        columns=store.FIGURE_COLUMNS,
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
    text, problems = decode(upload.file.data.read(), i18n.page_language())
    if text is None:
        return render_page(figure, note, upload, problems, 400)
    desks = {d.id for d in current_app.extensions["survey"].desks}
    rows, problems = parse_csv(text, desks, i18n.page_language())
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
    dutch = (note.text_nl.data or "").strip()
    store.add_note(
        get_db(),
        first,
        last,
        desk,
        note.text.data.strip(),
        auth.actor(),
        {"nl": dutch} if dutch else None,
    )
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
