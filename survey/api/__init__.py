"""JSON: kiosk submissions (tablet cookie + CSRF) and the read API (bearer tokens)."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from . import read, tablet, views  # noqa: E402,F401
