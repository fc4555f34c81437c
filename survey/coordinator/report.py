"""The report page (/coordinator/report, /report) and its download; the model is survey.report."""

from __future__ import annotations

from flask import Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import auth, clock, i18n, report
from ..db import get_db
from . import bp


@bp.get("/report", endpoint="report")
@auth.login_required
def report_page():
    """The pilot overview for ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: all stored ratings)."""
    db = get_db()
    default_first, default_last = report.default_span(db, current_app.config["TIMEZONE"])
    error = None
    try:
        first = clock.parse_day(request.args["from"]) if request.args.get("from") else default_first
        last = clock.parse_day(request.args["to"]) if request.args.get("to") else default_last
        if first > last:
            error = _("The first day lies after the last day.")
    except ValueError as problem:
        error = str(problem)
    if error:
        return render_template("coordinator/report.html", error=error, data=None), 400
    data = report.build(
        db, current_app.extensions["survey"], first, last, i18n.page_language(), current_app.config
    )
    if request.args.get("download"):
        filename = f"survey-report-{first.isoformat()}-{last.isoformat()}.html"
        return Response(
            report.render_standalone(data),
            mimetype="text/html",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return render_template("coordinator/report.html", error=None, data=data)


@bp.record_once
def add_short_report_url(state):
    """/report at the top level, for a link that is easy to type; keeps the query string."""

    def short_report():
        target = url_for("coordinator.report")
        query = request.query_string.decode("latin-1")
        return redirect(f"{target}?{query}" if query else target)

    state.app.add_url_rule("/report", "report", short_report)
