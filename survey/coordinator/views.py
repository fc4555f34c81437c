"""Login, logout, the navigation and the template filters every coordinator page uses."""

from __future__ import annotations

import json

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import auth, i18n, store
from ..db import get_db
from ..security import redirect_back
from . import bp
from .forms import LoginForm

MODE_NAMES = {"open": _l("open"), "armed": _l("armed")}
TOPIC_NAMES = {
    "waiting": _l("waiting"),
    "appointment": _l("appointments"),
    "staff": _l("staff"),
    "information": _l("information"),
    "processing": _l("processing"),
    "reachability": _l("reachability"),
    "facilities": _l("facilities"),
    "language": _l("language"),
}

# The navigation lists every page that exists, with the roles that may open it; a feature adds
# its page here, not in templates.
EVERYONE, ADMINS = ("coordinator", "admin"), ("admin",)
NAV = [
    ("coordinator.dashboard", _l("Dashboard"), EVERYONE),
    ("coordinator.hours", _l("Hours"), EVERYONE),
    ("coordinator.quotes", _l("Quotes"), EVERYONE),
    ("coordinator.figures", _l("Figures"), EVERYONE),
    ("coordinator.report", _l("Report"), EVERYONE),
    ("coordinator.exports", _l("Exports"), EVERYONE),
    ("coordinator.desk", _l("Arm a survey"), EVERYONE),
    ("coordinator.tablets", _l("Tablets"), EVERYONE),
    ("coordinator.users", _l("Users"), ADMINS),
    ("coordinator.tokens", _l("API tokens"), ADMINS),
]


def nav_items(role: str | None) -> list[tuple[str, str]]:
    """(endpoint, label) of the pages this role may open, in menu order."""
    return [
        (endpoint, label)
        for endpoint, label, roles in NAV
        if role in roles and endpoint in current_app.view_functions
    ]


@bp.context_processor
def coordinator_context():
    user = auth.current_user()
    nav = nav_items(user["role"] if user else None)
    return {
        "user": user,
        "questionnaire": current_app.extensions["survey"],
        "nav_items": nav,
    }


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with a user made by `survey user add`."""
    form = LoginForm()
    if form.validate_on_submit():
        user = auth.check_login(form.username.data, form.password.data)
        if user is None:
            # Only a known name goes in the audit log: an unknown one may be a mistyped password.
            known = store.get_user(get_db(), form.username.data)
            store.audit(get_db(), known["username"] if known else "(unknown name)", "login.failed")
            flash(str(auth.LOGIN_REFUSED), "error")
        else:
            auth.log_in(user)
            store.audit(get_db(), user["username"], "login")
            return redirect_back(request.args.get("next"), "coordinator.dashboard")
    return render_template("coordinator/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the session, here and on the server."""
    auth.log_out()
    return redirect(url_for("coordinator.login"))


def desk_name(desk_id: str, lang: str | None = None) -> str:
    """A desk's display name (the template filter), in the page's language unless told."""
    return current_app.extensions["survey"].desk_name(desk_id, lang or i18n.page_language())


def mode_name(mode: str) -> str:
    """A tablet mode in the page's language (the template filter)."""
    return str(MODE_NAMES.get(mode, mode))


def question_text(question_id: str) -> str:
    """A question's text in the page's language (the template filter); a retired one shows its id."""
    questionnaire = current_app.extensions["survey"]
    question = questionnaire.question(question_id)
    return questionnaire.text(question.text, i18n.page_language()) if question else question_id


def topic_name(topic: str) -> str:
    """A topic id (topics.TOPICS) as words in the page's language (the template filter)."""
    return str(TOPIC_NAMES.get(topic, topic))


def language_name(code: str | None) -> str:
    """A comment's language code as its name (the template filter); 'other' is translated."""
    if code == "other":
        return _("other language")
    return current_app.extensions["survey"].languages.get(code, code or "")


bp.add_app_template_filter(desk_name, "desk_name")
bp.add_app_template_filter(mode_name, "mode_name")
bp.add_app_template_filter(question_text, "question_text")
bp.add_app_template_filter(topic_name, "topic_name")
bp.add_app_template_filter(language_name, "language_name")
bp.add_app_template_filter(json.loads, "from_json")
