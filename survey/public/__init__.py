"""Public pages (no login): overviews a coordinator published."""

from flask import Blueprint

from ..db import file_pending_answers

bp = Blueprint("public", __name__)
# A published overview counts every stored survey, filed or not yet (store/responses.py).
bp.before_request(file_pending_answers)

from . import views  # noqa: E402,F401
