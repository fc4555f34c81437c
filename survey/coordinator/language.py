"""The coordinator pages' language: English or Dutch, chosen per session."""

from __future__ import annotations

from flask import request, session

from ..security import redirect_back
from ..vocabulary import COORDINATOR_LANGUAGES
from . import bp


@bp.post("/language")
def set_language():
    """Remember the chosen language (en or nl) for this session and go back to the page."""
    lang = request.form.get("lang")
    if lang in COORDINATOR_LANGUAGES:
        session["ui_lang"] = lang
    return redirect_back(request.args.get("next"), "coordinator.dashboard")
