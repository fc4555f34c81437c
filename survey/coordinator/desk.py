"""The desk page: a clerk arms the next survey on an armed-mode tablet for one visit.

Each arming is a row in `visits` (tablet, desk, service, who, when); the survey that comes back
carries the visit's id, which gives a true response rate per desk and service. The clerk sees
only whether a survey came back, never its answers.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField
from wtforms.validators import DataRequired

from .. import auth, clock, i18n, store
from ..db import get_db
from ..tablets import armable
from . import bp

SERVICES = {
    "biometrics": _l("Biometrics"),
    "residence_permit": _l("Residence permit"),
    "return_visa": _l("Return visa"),
    "other": _l("Other"),
}


class ArmForm(FlaskForm):
    tablet = SelectField(_l("Tablet"), coerce=int, validators=[DataRequired()])
    desk = SelectField(_l("Desk"), validators=[DataRequired()])
    service = SelectField(_l("Service"), choices=[SelectChoice(k, v) for k, v in SERVICES.items()])


@bp.route("/desk", methods=["GET", "POST"])
@auth.login_required
def desk():
    """Pick tablet, desk and service, and arm that tablet's next survey."""
    tablets = armable(store.list_tablets(get_db()))
    form = ArmForm()
    form.tablet.choices = [SelectChoice(t["id"], t["name"]) for t in tablets]
    desk_ids = list(dict.fromkeys(d for t in tablets for d in t["desks"]))
    lang = i18n.page_language()
    questionnaire = current_app.extensions["survey"]
    form.desk.choices = [SelectChoice(d, questionnaire.desk_name(d, lang)) for d in desk_ids]
    form.service.choices = [
        SelectChoice(k, v) for k, v in service_names(questionnaire, lang).items()
    ]
    if form.validate_on_submit():
        tablet = next(t for t in tablets if t["id"] == form.tablet.data)
        if form.desk.data not in tablet["desks"]:
            form.desk.errors.append(_("This tablet does not serve that desk."))
        else:
            store.arm_visit(get_db(), tablet["id"], form.desk.data, form.service.data, auth.actor())
            flash(_("The next survey on %(tablet)s is armed.", tablet=tablet["name"]), "info")
            return redirect(url_for("coordinator.desk", tablet=tablet["id"]))
    if not form.is_submitted():
        # The clerk usually arms the same tablet all day: keep the last one selected.
        form.tablet.data = request.args.get("tablet", type=int)
    zone = current_app.config["TIMEZONE"]
    visits = [
        {**v, "armed_local": clock.local_minute(v["armed_at"], zone)}
        for v in store.recent_visits(get_db())
    ]
    return render_template(
        "coordinator/desk.html",
        form=form,
        tablets=tablets,
        visits=visits,
        services=service_names(questionnaire, lang),
    )


def service_names(questionnaire, lang: str) -> dict:
    """The services by id in the page's language: the kiosk's own option texts where it has them."""
    question = questionnaire.question("service")
    texts = {o.id: questionnaire.text(o.text, lang) for o in question.options} if question else {}
    return {key: texts.get(key, label) for key, label in SERVICES.items()}
