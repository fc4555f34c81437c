"""Who may see the kiosk: the paired tablet behind a request, the loaded questionnaire, and the
one sentence an unpaired tablet shows. Shared by the form path (views) and the offline app (app)."""

from __future__ import annotations

from flask import abort, current_app, make_response, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from .. import auth


def questionnaire():
    """The questionnaire loaded at start-up."""
    return current_app.extensions["survey"]


NOT_SET_UP = "This tablet is not set up yet. Please ask a member of staff."


def not_set_up_texts() -> list[tuple[str, str]]:
    """(language, sentence) for every kiosk language: an unpaired tablet says this and no more."""
    texts = []
    for code in questionnaire().languages:
        with force_locale(code):
            texts.append((code, _(NOT_SET_UP)))
    return texts


def paired_tablet():
    """The paired tablet, or abort with the polite 'not set up' page."""
    _state, tablet = auth.tablet_state()
    if tablet is None:
        page = render_template("kiosk/not_paired.html", not_set_up=not_set_up_texts())
        abort(make_response(page, 403))
    return tablet
