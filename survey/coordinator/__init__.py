"""Coordinator pages: login, dashboard, quotes, figures, report, exports, tablets."""

from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from . import dashboard, desk, exports, figures, language, quotes, report, tablets, views  # noqa: E402,F401
