"""Coordinator pages: login, dashboard, quotes, figures, report, exports, tablets, users, tokens."""

from flask import Blueprint, current_app

from .. import tagging
from ..db import get_db

bp = Blueprint("coordinator", __name__)


@bp.before_request
def tag_waiting_comments():
    """Comments wait untagged after a survey; the first page that may show them tags them."""
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
