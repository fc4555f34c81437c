"""Coordinator pages: login, dashboard, quotes, figures, report, exports, tablets, users, tokens."""

from flask import Blueprint

bp = Blueprint("coordinator", __name__)

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
