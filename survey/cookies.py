"""Signed cookies whose signature each worker checks once.

A tablet sends the same two signed cookies (its pairing and its session) with every survey, and
checking both HMACs on every request was a measurable share of a submission (`python -m bench`,
"1 submit"). A value whose signature was good is remembered, keyed by the secret key and the
exact value, so a changed key or a single changed character is checked in full again. Only good
values are remembered, at most REMEMBERED_MAX per kind and worker; a session's age is still
checked on every request.
"""

from __future__ import annotations

import time
from typing import Any

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

REMEMBERED_MAX = 1024


class Remembered:
    """Good cookie values and what they hold, by (secret key, value); emptied when full."""

    def __init__(self, limit: int = REMEMBERED_MAX):
        self.values: dict[tuple[Any, str], Any] = {}
        self.limit = limit

    def get(self, secret_key, value: str) -> Any:
        return self.values.get((secret_key, value))

    def put(self, secret_key, value: str, held: Any) -> None:
        if len(self.values) >= self.limit:
            self.values.clear()
        self.values[(secret_key, value)] = held


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session; a cookie this worker has verified is not verified again."""

    remembered = Remembered()

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self.remembered.get(app.secret_key, value)
        if found is not None:
            payload, signed_at = found
            if 0 <= time.time() - signed_at <= max_age:
                return self.session_class(serializer.load_payload(payload))
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        # "payload.timestamp.signature": the payload (a leading "." marks it compressed) is what
        # load_payload reads back.
        payload = value.rsplit(".", 2)[0].encode()
        self.remembered.put(app.secret_key, value, (payload, signed_at.timestamp()))
        return self.session_class(data)
