"""The coordinator's download page: the same exports as `survey export`, streamed."""

from __future__ import annotations

from flask import Response, current_app, render_template, request, stream_with_context
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, RadioField, SelectChoice
from wtforms.fields import DateField
from wtforms.validators import Optional, ValidationError

from .. import auth, clock, exports, formatting, i18n, store
from ..db import get_db
from . import bp
from .forms import CheckboxesField, plausible_day


class ExportForm(Form):
    """A GET form (here, not in forms.py): a download changes nothing, so it needs no CSRF token."""

    desk = CheckboxesField(_l("Desks (none ticked: all)"), validators=[Optional()])
    start = DateField(_l("From (first day)"), validators=[Optional(), plausible_day])
    end = DateField(_l("To (last day, inclusive)"), validators=[Optional(), plausible_day])
    question = CheckboxesField(_l("Questions (none ticked: all)"), validators=[Optional()])
    fmt = RadioField(
        _l("Format"),
        choices=[
            SelectChoice("csv", "CSV"),
            SelectChoice("xlsx", "Excel (XLSX)"),
            SelectChoice("json", "JSON Lines"),
        ],
        default="csv",
    )
    shape = RadioField(
        _l("Shape"),
        choices=[
            SelectChoice("long", _l("Long: one row per rating")),
            SelectChoice("wide", _l("Wide: one row per response and desk")),
        ],
        default="long",
    )
    comments = BooleanField(_l("Comments (CSV/JSON: instead of ratings; Excel: an extra sheet)"))
    bom = BooleanField(_l("CSV for Excel (adds a byte-order mark)"))

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The last day is before the first day."))


def build_form() -> ExportForm:
    """The export form on this request's query string, with desks and questions to choose."""
    questionnaire = current_app.extensions["survey"]
    lang = i18n.page_language()
    form = ExportForm(request.args)
    form.desk.choices = [
        SelectChoice(d.id, questionnaire.desk_name(d.id, lang)) for d in questionnaire.desks
    ]
    form.question.choices = [
        SelectChoice(q.id, questionnaire.text(q.text, lang))
        for q in questionnaire.rating_questions()
    ]
    return form


@bp.get("/exports", endpoint="exports")
@auth.login_required
def exports_page():
    """Choose desks, period, questions and format; the file streams as an attachment."""
    form = build_form()
    if "fmt" not in request.args or not form.validate():
        status = 400 if "fmt" in request.args else 200
        return render_template("coordinator/exports.html", form=form), status
    first, last = form.start.data, form.end.data
    start, end = clock.day_range(first, last, current_app.config["TIMEZONE"])
    if form.fmt.data == "xlsx":
        # An XLSX is a zip that exists whole before its first byte can be sent; a huge one
        # outlasts the server's worker timeout, so say so instead of a broken download.
        limit = current_app.config["XLSX_DOWNLOAD_MAX_ROWS"]
        rows = store.count_ratings(
            get_db(), start, end, form.desk.data or None, form.question.data or None
        )
        if rows > limit:
            form.fmt.errors = [
                _l(
                    "%(rows)s ratings are too many for an Excel download (at most %(limit)s)."
                    " Choose CSV, a shorter period, or use: survey export --format xlsx -o FILE",
                    rows=formatting.number(rows, i18n.page_language()),
                    limit=formatting.number(limit, i18n.page_language()),
                )
            ]
            return render_template("coordinator/exports.html", form=form), 400
    spec = exports.ExportSpec(
        start=start,
        end=end,
        desks=form.desk.data or None,
        questions=form.question.data or None,
        comments=form.comments.data,
        shape=form.shape.data,
        fmt=form.fmt.data,
        bom=form.bom.data,
    )
    name = exports.filename(
        spec, first.isoformat() if first else None, last.isoformat() if last else None
    )
    store.audit(get_db(), auth.actor(), "export", name, {"comments": spec.comments})
    chunks = exports.export_chunks(get_db(), current_app.extensions["survey"], spec)
    return Response(
        stream_with_context(chunks),
        content_type=exports.MEDIA_TYPES[spec.fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
