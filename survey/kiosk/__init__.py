"""The tablet flow: language, desks, questions, thank you."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)

from . import app, views  # noqa: E402,F401
