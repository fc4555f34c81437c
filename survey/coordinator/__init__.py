"""Coordinator pages: login, dashboard, quotes, figures, report, exports, tablets, users, tokens."""

from flask import Blueprint, current_app

from .. import tagging
from ..db import file_pending_answers, get_db

bp = Blueprint("coordinator", __name__)


@bp.before_request
def file_and_tag_waiting_answers():
    """Every page sees every stored survey's answers, and the comments among them tagged: the
    first page after a survey files its answers (under `survey serve`) and tags its comments."""
    file_pending_answers()
    tagging.tag_untagged(get_db(), current_app.extensions["survey"], tagging.CATCH_UP_LIMIT)


from . import (  # noqa: E402,F401
    dashboard,
    desk,
    exports,
    figures,
    language,
    quotes,
    report,
    tablets,
    tokens,
    users,
    views,
)
