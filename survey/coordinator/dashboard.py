"""The dashboard and hours pages, and the alert-rule forms on the dashboard.

The pages' content is built by survey.overview; the period picker by survey.periods.
"""

from __future__ import annotations

from flask import abort, current_app, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from .. import auth, i18n, overview, store
from .. import hours as hours_page
from ..db import get_db
from ..periods import ALL_TIME, Period, resolve_period, today_local
from ..security import redirect_back
from . import bp
from .forms import LABEL_TEXT, AlertRuleForm

PERIODS = {
    "month": _l("This month"),
    "quarter": _l("This quarter"),
    "year": _l("This year"),
    "range": _l("Custom range"),
    "all": _l("All time"),
}
LABEL_NAMES = {**LABEL_TEXT, "untagged": _l("untagged")}


def chosen_desks(questionnaire) -> list[str]:
    """The desk filter from the URL (?desk=a&desk=b); unknown desks are a 404."""
    desks = list(dict.fromkeys(request.args.getlist("desk")))
    known = {d.id for d in questionnaire.desks}
    if any(d not in known for d in desks):
        abort(404)
    return desks


def chosen_period() -> Period:
    """The period from the URL; an invalid one is flashed and replaced by all time."""
    kind = request.args.get("period") or (
        "range" if request.args.get("from") or request.args.get("to") else "all"
    )
    today = today_local(current_app.config["TIMEZONE"])
    try:
        return resolve_period(
            kind, request.args.get("from"), request.args.get("to"), today, i18n.page_language()
        )
    except ValueError as error:
        flash(str(error), "error")
        return ALL_TIME


def filters():
    """(questionnaire, desks, period, language) of a dashboard-style page, from its URL."""
    questionnaire = current_app.extensions["survey"]
    return questionnaire, chosen_desks(questionnaire), chosen_period(), i18n.page_language()


@bp.get("/")
@auth.login_required
def dashboard():
    """Per desk and rating question for a period: mean, n, interval, CSAT, distribution and more."""
    questionnaire, desks, period, lang = filters()
    data = overview.dashboard(get_db(), questionnaire, period, desks, lang, current_app.config)
    form = AlertRuleForm()
    form.desk.choices = [SelectChoice("", _("Every desk"))] + [
        SelectChoice(d.id, questionnaire.desk_name(d.id, lang)) for d in questionnaire.desks
    ]
    return render_template(
        "coordinator/dashboard.html",
        period=period,
        periods=PERIODS,
        label_names=LABEL_NAMES,
        desks=desks,
        form=form,
        **data,
    )


@bp.get("/hours")
@auth.login_required
def hours():
    """When are clients least happy? Mean rating by weekday and hour, per desk."""
    questionnaire, desks, period, lang = filters()
    heatmaps = hours_page.hours(get_db(), questionnaire, period, desks, lang, current_app.config)
    return render_template(
        "coordinator/hours.html",
        period=period,
        periods=PERIODS,
        desks=desks,
        heatmaps=heatmaps,
        zone=current_app.config["TIMEZONE"],
        min_n=current_app.config["MIN_RESPONSES"],
    )


@bp.post("/alerts")
@auth.login_required
def alert_add():
    """Create an alert rule."""
    questionnaire = current_app.extensions["survey"]
    form = AlertRuleForm()
    form.desk.choices = [SelectChoice("")] + [SelectChoice(d.id) for d in questionnaire.desks]
    if form.validate_on_submit():
        desk = form.desk.data or None
        settings = (desk, form.percent.data / 100, form.days.data, form.min_n.data)
        if store.alert_rule_exists(get_db(), *settings):
            flash(_("This alert rule exists already."), "error")
            return redirect_back(request.form.get("next"), "coordinator.dashboard")
        rule_id = store.add_alert_rule(
            get_db(), desk, form.percent.data / 100, form.days.data, form.min_n.data, auth.actor()
        )
        store.audit(
            get_db(),
            auth.actor(),
            "alert.added",
            str(rule_id),
            {
                "desk": desk,
                "percent": form.percent.data,
                "days": form.days.data,
                "min_n": form.min_n.data,
            },
        )
        flash(_("Alert rule saved."), "success")
    else:
        for field, errors in form.errors.items():
            for error in errors:
                flash(f"{getattr(form, field).label.text}: {error}", "error")
    return redirect_back(request.form.get("next"), "coordinator.dashboard")


@bp.post("/alerts/<int:rule_id>/off")
@auth.login_required
def alert_off(rule_id: int):
    """Switch an alert rule off."""
    if not store.deactivate_alert_rule(get_db(), rule_id):
        abort(404)
    store.audit(get_db(), auth.actor(), "alert.removed", str(rule_id))
    flash(_("Alert rule switched off."), "success")
    return redirect_back(request.form.get("next"), "coordinator.dashboard")
