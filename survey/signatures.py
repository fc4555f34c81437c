"""Signed values each worker verifies once: the tablet cookie, the session cookie, CSRF tokens.

A tablet sends the same three signed values (its pairing cookie, its session cookie and the CSRF
token of its page) with every survey, and decoding and checking each on every request was a
measurable share of a submission (`python -m bench`, "1 submit"). A value that passed is
remembered, keyed by the secret key and the exact value, so a changed key or a single changed
character is checked in full again. Only good values are remembered, at most REMEMBERED_MAX per
kind and worker; a session's age is still checked on every request, and anything in doubt goes
through the full check, which gives the precise refusal.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from flask import current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect, same_origin
from itsdangerous import BadSignature

REMEMBERED_MAX = 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class Remembered:
    """Signed values that passed and what they hold, by (secret key, value); emptied when full."""

    def __init__(self, limit: int = REMEMBERED_MAX):
        self.values: dict[tuple[Any, Any], Any] = {}
        self.limit = limit

    def get(self, secret_key, value) -> Any:
        return self.values.get((secret_key, value))

    def put(self, secret_key, value, held: Any) -> None:
        if len(self.values) >= self.limit:
            self.values.clear()
        self.values[(secret_key, value)] = held


def _copy(data: dict) -> dict:
    """A copy a request may change without changing the remembered session: shallow when every
    value is immutable (a tablet's session holds one string), else deep."""
    if all(isinstance(value, (str, int, float, bool, type(None))) for value in data.values()):
        return dict(data)
    return copy.deepcopy(data)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session; a cookie this worker has verified is not verified again."""

    remembered = Remembered()

    def open_session(self, app, request):
        if not app.secret_key:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self.remembered.get(app.secret_key, value)
        if found is not None:
            data, signed_at = found
            if 0 <= time.time() - signed_at <= max_age:
                return self.session_class(_copy(data))
        try:
            data, signed_at = self.get_signing_serializer(app).loads(
                value, max_age=max_age, return_timestamp=True
            )
        except BadSignature:
            return self.session_class()
        self.remembered.put(app.secret_key, value, (_copy(data), signed_at.timestamp()))
        return self.session_class(data)


class RememberingCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF check; a token that passed for this session value passes again.

    Only while tokens never expire (WTF_CSRF_TIME_LIMIT None, as a tablet needs): then whether a
    token passes depends on the token, the session's value and the key alone.
    """

    remembered = Remembered()

    def protect(self, apply_exemptions=False):
        config = current_app.config
        if request.method not in config["WTF_CSRF_METHODS"]:
            return super().protect(apply_exemptions)
        secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
        token = self._get_csrf_token()
        expected = session.get(config["WTF_CSRF_FIELD_NAME"])
        key = (token, expected)
        if config["WTF_CSRF_TIME_LIMIT"] is None:
            if token and expected and self.remembered.get(secret, key) and self._referrer_passes():
                g.csrf_valid = True
                return
        super().protect(apply_exemptions)
        if token and expected and g.get("csrf_valid"):
            self.remembered.put(secret, key, True)

    def _get_csrf_token(self):
        # Flask-WTF looks in the form first, then in the headers. Only these two types carry
        # form fields (werkzeug's form parser), so a JSON survey skips loading an empty form.
        if request.mimetype not in FORM_TYPES:
            headers = current_app.config["WTF_CSRF_HEADERS"]
            return next((request.headers[h] for h in headers if request.headers.get(h)), None)
        return super()._get_csrf_token()

    @staticmethod
    def _referrer_passes() -> bool:
        """The check Flask-WTF adds on HTTPS: the referrer names this host."""
        if not (request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]):
            return True
        return bool(request.referrer) and same_origin(request.referrer, f"https://{request.host}/")
