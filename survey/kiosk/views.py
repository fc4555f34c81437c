"""Kiosk views: plain form posts that work without JavaScript; script only enhances them.

A survey in progress lives only in the page (hidden fields), never on the server: when the idle
reset sends the tablet back to the start, nothing of the unfinished survey remains anywhere.
"""

from __future__ import annotations

import sqlite3
import uuid

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import refresh

from .. import admission, auth, clock, credentials, store
from ..db import file_after_answering, get_db
from ..submission import SubmissionErrors, record, validate
from . import bp
from .access import WAITING, in_every_language, paired_tablet, questionnaire
from .forms import SCALE_LABELS, build_survey_form, form_payload, script_fields, visit_answers


@bp.url_value_preprocessor
def pull_language(endpoint, values):
    """Every survey URL carries the client's language: /<lang>/..."""
    if values and "lang" in values:
        lang = values.pop("lang")
        if lang not in questionnaire().languages:
            abort(404)
        g.lang = lang


@bp.url_defaults
def add_language(endpoint, values):
    if "lang" not in values and g.get("lang") and endpoint != "kiosk.start":
        if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = g.lang


@bp.after_request
def no_store(response):
    """A kiosk page must never come back from the cache for the next client."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def kiosk_context():
    return {
        "questionnaire": questionnaire(),
        "lang": g.get("lang"),
        "scale_labels": SCALE_LABELS,
        "idle_seconds": current_app.config["IDLE_SECONDS"],
    }


def visited_desks(tablet) -> list[str] | None:
    """The desks chosen for this visit (query string), or the tablet's only desk."""
    if len(tablet["desks"]) == 1:
        return list(tablet["desks"])
    chosen = [d for d in tablet["desks"] if d in request.args.getlist("desk")]
    return chosen or None


@bp.get("/pair/<code>")
def pair(code: str):
    """A one-time pairing link: bind this browser to its tablet and open the kiosk."""
    token = credentials.new_secret()
    tablet = store.pair_tablet(get_db(), credentials.digest(code), credentials.digest(token))
    if tablet is None:
        return render_template("kiosk/pair_failed.html"), 404
    store.audit(get_db(), "tablet", "tablet.paired", tablet["name"])
    return auth.set_tablet_cookie(redirect(url_for("kiosk.start")), tablet["id"], token)


def armed_visit(tablet) -> dict | None:
    """The visit an armed-mode tablet's next survey belongs to, or None."""
    minutes = current_app.config["ARMED_VISIT_MINUTES"]
    return admission.armed_visit(get_db(), tablet, minutes)


def waiting(tablet) -> bool:
    """True for an armed-mode tablet that no desk has armed: it accepts no survey."""
    return tablet["mode"] == "armed" and armed_visit(tablet) is None


@bp.get("/")
def start():
    """Language choice: the first screen every client sees (armed mode: once armed)."""
    tablet = paired_tablet()
    if waiting(tablet):
        return render_template("kiosk/waiting.html", waiting=in_every_language(*WAITING))
    return render_template("kiosk/start.html", offline_app=tablet["mode"] == "open")


@bp.get("/<lang>/desks")
def desks():
    """Which desks did you visit? Skipped for a tablet that serves one desk."""
    tablet = paired_tablet()
    if waiting(tablet):
        return redirect(url_for("kiosk.start"))
    if len(tablet["desks"]) == 1:
        return redirect(url_for("kiosk.survey"))
    missing = "shown" in request.args and not visited_desks(tablet)
    return render_template("kiosk/desks.html", tablet=tablet, missing=missing)


@bp.get("/<lang>/survey")
def survey():
    """The first step of a new survey, with a freshly minted response id."""
    tablet = paired_tablet()
    visit = armed_visit(tablet) if tablet["mode"] == "armed" else None
    if tablet["mode"] == "armed" and visit is None:
        return redirect(url_for("kiosk.start"))
    chosen = visited_desks(tablet)
    if chosen is None:
        return redirect(url_for("kiosk.desks", shown=1))
    preset = visit_answers(questionnaire(), visit)
    form = build_survey_form(questionnaire(), chosen, g.lang, preset)(
        formdata=None,
        response_id=str(uuid.uuid4()),
        started_at=clock.stamp(),
        visit_id=str(visit["id"]) if visit else "",
    )
    return render_step(form, chosen, first_step(form))


def first_step(form) -> str:
    return next(iter(form.slots))


def render_step(form, chosen: list[str], step: str, problem: str | None = None):
    form.step.data = step
    steps = list(form.slots)
    shown = {slot.name for slot in form.slots[step]}
    is_last = step == steps[-1]
    return render_template(
        "kiosk/survey.html",
        form=form,
        desks=chosen,
        step=step,
        slots=form.slots[step],
        carried=[
            field for field in form if field.name not in shown and field.type != "CSRFTokenField"
        ],
        is_last=is_last,
        is_first=step == steps[0],
        problem=problem,
        script_data=script_data(form, chosen) if is_last else None,
    )


def script_data(form, chosen: list[str]) -> dict:
    """What kiosk.js needs to send the last step as JSON (rendered as application/json)."""
    return {
        "api": url_for("api.submit_response"),
        "thanks": url_for("kiosk.thanks"),
        "language": g.lang,
        "desks": chosen,
        "fields": script_fields(form),
    }


@bp.post("/<lang>/survey")
def submit():
    """Next / back between steps; on the last step, validate everything and store it once."""
    tablet = paired_tablet()
    chosen = visited_desks(tablet)
    if chosen is None:
        return redirect(url_for("kiosk.desks", shown=1))
    visit = armed_visit(tablet) if tablet["mode"] == "armed" else None
    preset = visit_answers(questionnaire(), visit)
    form = build_survey_form(questionnaire(), chosen, g.lang, preset)()
    steps = list(form.slots)
    step = form.step.data if form.step.data in steps else steps[0]
    index = steps.index(step)
    if request.form.get("action") == "back":
        return render_step(form, chosen, steps[max(index - 1, 0)])
    switch = request.form.get("switch_lang")
    if switch in questionnaire().languages:
        # The same step again in the other language, every answer so far carried along.
        g.lang = switch
        refresh()  # forget the locale flask-babel already picked for this request
        form = build_survey_form(questionnaire(), chosen, switch, preset)()
        return render_step(form, chosen, step)
    # Validate every field of this step (not just up to the first error).
    results = [form[slot.name].validate(form) for slot in form.slots[step]]
    if not all(results):
        return render_step(form, chosen, step, _("Please check the answers marked below."))
    if index + 1 < len(steps):
        return render_step(form, chosen, steps[index + 1])
    if not form.validate_on_submit():
        wrong = next((s for s in steps if any(form[x.name].errors for x in form.slots[s])), step)
        return render_step(form, chosen, wrong, _("Please check the answers marked below."))
    try:
        submission = validate(form_payload(form, g.lang, chosen), questionnaire(), tablet["desks"])
    except SubmissionErrors:
        # Only a tampered or outdated page gets here; the client can simply start again.
        return render_step(form, chosen, step, _("Something went wrong. Please start again."))
    try:
        admission.admit(get_db(), tablet, submission, current_app.config["SUBMIT_MIN_INTERVAL"])
    except admission.Refused as refused:
        if refused.status == 429:
            wait = _("Please wait %(n)s seconds, then press Send again.", n=refused.retry_after)
            return render_step(form, chosen, step, wait)
        return redirect(url_for("kiosk.start"))
    try:
        if record(get_db(), submission, tablet["name"], "kiosk", tablet["id"]) == store.CREATED:
            file_after_answering()
    except SubmissionErrors:
        return redirect(url_for("kiosk.start"))  # another survey took this armed visit first
    except sqlite3.Error:
        # Disk full, database locked: say so honestly and keep every answer on the page.
        problem = _("Your answers were not sent. Please press Send again in a moment.")
        return render_step(form, chosen, step, problem), 503
    return redirect(url_for("kiosk.thanks"))


@bp.get("/<lang>/thanks")
def thanks():
    """Thank you; the tablet returns to the start by itself."""
    paired_tablet()
    return render_template("kiosk/thanks.html", seconds=current_app.config["THANKS_SECONDS"])
