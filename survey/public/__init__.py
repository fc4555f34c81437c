"""Public pages (no login): overviews a coordinator published."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import views  # noqa: E402,F401
