"""Login, logout, the navigation and the template filters every coordinator page uses."""

from __future__ import annotations

import json

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from .. import auth, store
from ..db import get_db
from . import bp
from .forms import LoginForm

# The navigation lists every page that exists; a feature adds its page here, not in templates.
NAV = [
    ("coordinator.dashboard", _l("Dashboard")),
    ("coordinator.quotes", _l("Quotes")),
    ("coordinator.figures", _l("Figures")),
    ("coordinator.report", _l("Report")),
    ("coordinator.exports", _l("Exports")),
    ("coordinator.tablets", _l("Tablets")),
]


@bp.context_processor
def coordinator_context():
    nav = [(endpoint, label) for endpoint, label in NAV if endpoint in current_app.view_functions]
    return {
        "user": auth.current_user(),
        "questionnaire": current_app.extensions["survey"],
        "nav_items": nav,
    }


def safe_next(target: str | None) -> str:
    """Only same-site paths may be redirected to after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("coordinator.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with a user made by `survey user add`."""
    form = LoginForm()
    if form.validate_on_submit():
        user, problem = auth.check_login(form.username.data, form.password.data)
        if user is None:
            store.audit(get_db(), form.username.data[:100], "login.failed")
            flash(str(problem), "error")
        else:
            auth.log_in(user)
            store.audit(get_db(), user["username"], "login")
            return redirect(safe_next(request.args.get("next")))
    return render_template("coordinator/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the session."""
    session.clear()
    return redirect(url_for("coordinator.login"))


def desk_name(desk_id: str, lang: str = "en") -> str:
    """A desk's display name (the template filter)."""
    return current_app.extensions["survey"].desk_name(desk_id, lang)


bp.add_app_template_filter(desk_name, "desk_name")
bp.add_app_template_filter(json.loads, "from_json")
