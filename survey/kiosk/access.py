"""Who may see the kiosk: the paired tablet behind a request, the loaded questionnaire, and the
one sentence an unpaired tablet shows. Shared by the form path (views) and the offline app (app)."""

from __future__ import annotations

from flask import abort, current_app, make_response, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .. import auth


def questionnaire():
    """The questionnaire loaded at start-up."""
    return current_app.extensions["survey"]


NOT_SET_UP = "This tablet is not set up yet. Please ask a member of staff."


# An armed-mode tablet before the desk arms it: a heading, then what happens next.
WAITING = (
    _l("Please wait for the desk staff"),
    _l("The survey starts when the desk staff have finished helping you."),
)


def in_every_language(*messages) -> list[tuple[str, list[str]]]:
    """(language, the messages translated) for every kiosk language, in the questionnaire's
    order: what a tablet says before a client has chosen a language."""
    texts = []
    for code in questionnaire().languages:
        with force_locale(code):
            texts.append((code, [str(message) for message in messages]))
    return texts


def not_set_up_texts() -> list[tuple[str, str]]:
    """(language, sentence) for every kiosk language: an unpaired tablet says this and no more."""
    return [(code, sentence) for code, (sentence,) in in_every_language(_l(NOT_SET_UP))]


def paired_tablet():
    """The paired tablet, or abort with the polite 'not set up' page."""
    _state, tablet = auth.tablet_state()
    if tablet is None:
        page = render_template("kiosk/not_paired.html", not_set_up=not_set_up_texts())
        abort(make_response(page, 403))
    return tablet
