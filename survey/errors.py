"""App-level error pages; the API answers in JSON, the kiosk in the client's language."""

from __future__ import annotations

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def wants_json() -> bool:
    """API requests get JSON errors, everything else a page."""
    return request.blueprint == "api" or request.path.startswith("/api/")


def api_error(code: int, message: str, error: str | None = None):
    """The API's error shape: {"error": ..., "message": ...}."""
    from werkzeug.http import HTTP_STATUS_CODES

    return {
        "error": error or HTTP_STATUS_CODES.get(code, "error").lower(),
        "message": message,
    }, code


def register_error_handlers(app) -> None:
    """Render errors/<code>.html, or JSON for the API."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if wants_json():
            return api_error(403, f"CSRF check failed: {error.description}", "csrf")
        return render_template("errors/expired.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        if wants_json():
            return api_error(error.code or 500, error.description or "")
        code = error.code if error.code in (400, 403, 404, 405, 413, 429) else None
        if code is None:
            return error
        return render_template(f"errors/{code}.html", error=error), code

    @app.errorhandler(500)
    def server_error(error):
        if wants_json():
            return api_error(500, "internal error; nothing was stored")
        return render_template("errors/500.html"), 500
