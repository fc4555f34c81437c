"""The report page (/coordinator/report, /report), saved overviews (/coordinator/overviews/...)
and their downloads and publishing; the model is survey.report, the rules survey.overviews."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from .. import auth, clock, i18n, overviews, report, store
from ..db import get_db
from . import bp
from .forms import NARRATIVE_LABELS, PublishForm, build_overview_form


def send_overview(data: dict, fmt: str, name: str, back: str):
    """The overview as a download: one self-contained HTML file, or its PDF."""
    html = report.render_standalone(data)
    if fmt == "pdf":
        try:
            body, mimetype = overviews.pdf(html), "application/pdf"
        except overviews.PdfUnavailable as error:
            current_app.logger.warning("%s", error)
            flash(_("PDF is not available on this server; download the HTML file instead."), "error")  # fmt: skip
            return redirect(back)
    else:
        body, mimetype = html, "text/html"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


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
    saved = store.list_overviews(db)
    if error:
        return render_template("coordinator/report.html", error=error, data=None, saved=saved), 400
    data = report.build(
        db, current_app.extensions["survey"], first, last, i18n.page_language(), current_app.config
    )
    if request.args.get("download"):
        fmt = "pdf" if request.args.get("format") == "pdf" else "html"
        name = f"survey-report-{first.isoformat()}-{last.isoformat()}"
        return send_overview(data, fmt, name, url_for("coordinator.report", **{"from": first.isoformat(), "to": last.isoformat()}))  # fmt: skip
    return render_template("coordinator/report.html", error=None, data=data, saved=saved)


@bp.record_once
def add_short_report_url(state):
    """/report at the top level, for a link that is easy to type; keeps the query string."""

    def short_report():
        target = url_for("coordinator.report")
        query = request.query_string.decode("latin-1")
        return redirect(f"{target}?{query}" if query else target)

    state.app.add_url_rule("/report", "report", short_report)


# --- saved overviews ----------------------------------------------------------------------------


def overview_form(**kwargs):
    """The overview form for this instance's questionnaire, labelled in the page's language."""
    questionnaire = current_app.extensions["survey"]
    form_class = build_overview_form(
        questionnaire,
        overviews.quote_questions(questionnaire),
        overviews.LANGUAGES,
        i18n.page_language(),
    )
    return form_class(**kwargs)


def choices_of(form) -> overviews.Choices:
    """The Choices a submitted (format-valid) form holds."""
    questionnaire = current_app.extensions["survey"]
    return overviews.Choices(
        first=form.first.data,
        last=form.last.data,
        title=form.title.data.strip(),
        figures_first=form.figures_first.data,
        quotes_first=form.quotes_first.data,
        quotes_last=form.quotes_last.data,
        desks=list(form.desks.data or []),
        quote_counts={
            q.id: form[f"quotes_{q.id}"].data for q in overviews.quote_questions(questionnaire)
        },
        narrative={
            lang: texts
            for lang in overviews.LANGUAGES
            if (
                texts := {
                    s: t
                    for s in NARRATIVE_LABELS
                    if (t := (form[f"{s}_{lang}"].data or "").strip())
                }
            )  # fmt: skip
        },
    )


def form_data(choices: overviews.Choices) -> dict:
    """Field values that show `choices` in the form (editing a saved overview)."""
    values = {
        "title": choices.title,
        "first": choices.first,
        "last": choices.last,
        "figures_first": choices.figures_first,
        "quotes_first": choices.quotes_first,
        "quotes_last": choices.quotes_last,
        "desks": choices.desks,
    }
    values.update({f"quotes_{q}": n for q, n in choices.quote_counts.items()})
    for lang, texts in choices.narrative.items():
        values.update({f"{section}_{lang}": text for section, text in texts.items()})
    return values


def saved_or_404(overview_id: int) -> dict:
    saved = store.get_overview(get_db(), overview_id)
    if saved is None:
        abort(404)
    return saved


def render_form(form, overview_id=None, problems=(), status=200):
    questionnaire = current_app.extensions["survey"]
    return render_template(
        "coordinator/overview_form.html",
        form=form,
        overview_id=overview_id,
        problems=problems,
        quote_fields=[form[f"quotes_{q.id}"] for q in overviews.quote_questions(questionnaire)],
        narrative_fields=[
            (lang, [form[f"{s}_{lang}"] for s in NARRATIVE_LABELS]) for lang in overviews.LANGUAGES
        ],  # fmt: skip
    ), status


def save_form(overview_id: int | None):
    """Check and store the submitted form; the form again with every problem when it fails."""
    form = overview_form()
    if not form.validate_on_submit():
        return render_form(form, overview_id, status=400)
    choices = choices_of(form)
    problems = overviews.problems(choices, current_app.extensions["survey"], _)
    if problems:
        return render_form(form, overview_id, problems, 400)
    saved = overviews.save(get_db(), choices, auth.actor(), overview_id)
    flash(_("Overview saved."), "success")
    return redirect(url_for("coordinator.overview_show", overview_id=saved))


@bp.get("/overviews/new")
@auth.login_required
def overview_new():
    """The form for a new overview, its periods preset to the stored ratings."""
    first, last = report.default_span(get_db(), current_app.config["TIMEZONE"])
    return render_form(overview_form(data={"first": first, "last": last}))


@bp.post("/overviews")
@auth.login_required
def overview_create():
    """Save a new overview."""
    return save_form(None)


@bp.get("/overviews/<int:overview_id>/edit")
@auth.login_required
def overview_edit(overview_id: int):
    """The form with a saved overview's choices."""
    choices = overviews.from_row(saved_or_404(overview_id))
    return render_form(overview_form(data=form_data(choices)), overview_id)


@bp.post("/overviews/<int:overview_id>")
@auth.login_required
def overview_update(overview_id: int):
    """Save changed choices of an overview (a published one changes on its public page too)."""
    saved_or_404(overview_id)
    return save_form(overview_id)


def preview_language() -> str:
    lang = request.args.get("lang") or i18n.page_language()
    return lang if lang in overviews.LANGUAGES else "en"


@bp.get("/overviews/<int:overview_id>")
@auth.login_required
def overview_show(overview_id: int):
    """A saved overview as it reads (?lang=en|nl), with download, edit and publish actions."""
    saved = saved_or_404(overview_id)
    lang = g.lang = preview_language()  # the preview reads wholly in its language
    data = overviews.model(
        get_db(), current_app.extensions["survey"], saved, lang, current_app.config
    )
    return render_template(
        "coordinator/overview.html",
        saved=saved,
        data=data,
        lang=lang,
        languages=overviews.LANGUAGES,
        publish_form=PublishForm(data={"slug": saved["slug"] or ""}),
    )


@bp.get("/overviews/<int:overview_id>/download")
@auth.login_required
def overview_download(overview_id: int):
    """A saved overview as HTML or PDF (?format=html|pdf&lang=en|nl)."""
    saved = saved_or_404(overview_id)
    lang = preview_language()
    data = overviews.model(
        get_db(), current_app.extensions["survey"], saved, lang, current_app.config
    )
    fmt = "pdf" if request.args.get("format") == "pdf" else "html"
    back = url_for("coordinator.overview_show", overview_id=overview_id, lang=lang)
    return send_overview(data, fmt, f"overview-{overview_id}-{lang}", back)


@bp.post("/overviews/<int:overview_id>/publish")
@auth.login_required
def overview_publish(overview_id: int):
    """Put the overview on /overview/SLUG for anyone, without a login."""
    saved_or_404(overview_id)
    form = PublishForm()
    back = redirect(url_for("coordinator.overview_show", overview_id=overview_id))
    slug = (form.slug.data or "").strip() if form.validate_on_submit() else ""
    problem = overviews.slug_problem(slug, _)
    if problem is None and not overviews.publish(get_db(), overview_id, slug, auth.actor()):
        problem = _("Another overview is published under that name.")
    if problem:
        flash(problem, "error")
        return back
    flash(_("Published: anyone can read it at %(url)s", url=url_for("public.overview", slug=slug, _external=True)), "success")  # fmt: skip
    return back


@bp.post("/overviews/<int:overview_id>/unpublish")
@auth.login_required
def overview_unpublish(overview_id: int):
    """Take the overview's public page down at once."""
    saved = saved_or_404(overview_id)
    if saved["slug"] and overviews.unpublish(get_db(), saved["slug"], auth.actor()):
        flash(_("The public page is gone."), "success")
    return redirect(url_for("coordinator.overview_show", overview_id=overview_id))
