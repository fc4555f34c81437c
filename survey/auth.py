"""Who is asking: the paired tablet (signed cookie) or the logged-in coordinator (session).

Flask glue shared by the blueprints, kept out of the store (which knows no requests).
"""

from __future__ import annotations

import functools
from datetime import timedelta

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from . import clock, credentials, signatures, store
from .db import get_db

TABLET_COOKIE = "survey_tablet"
TABLET_COOKIE_AGE = 10 * 365 * 24 * 3600  # a paired tablet stays paired until revoked
UNPAIRED, REVOKED, PAIRED = "unpaired", "revoked", "paired"


@functools.cache
def _dummy_hash() -> str:
    """Checked when a name is unknown too, so a login's timing does not reveal which names exist.

    Made at the first login, not at import: scrypt costs a tenth of a second, which every CLI
    command (an export, a backup) would pay at start-up.
    """
    return generate_password_hash("not a real password")


def warm_up() -> None:
    """Make the dummy hash now (before gunicorn forks), so no first login pays for it."""
    _dummy_hash()


def _tablet_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="survey-tablet")


def tablet_cookie(tablet_id: int, token: str) -> str:
    """The signed cookie value that identifies a paired tablet."""
    return _tablet_serializer().dumps({"t": tablet_id, "k": token})


def set_tablet_cookie(response, tablet_id: int, token: str):
    """Attach the long-lived tablet cookie to a response."""
    response.set_cookie(
        TABLET_COOKIE,
        tablet_cookie(tablet_id, token),
        max_age=TABLET_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["TABLET_COOKIE_SECURE"],
    )
    return response


def tablet_state() -> tuple[str, dict | None]:
    """(PAIRED, tablet), (REVOKED, None) or (UNPAIRED, None) for this request's browser."""
    if "tablet_state" not in g:
        g.tablet_state = _read_tablet_cookie()
    return g.tablet_state


# The token inside is still compared with the tablet's stored hash on every request.
_TABLET_COOKIES = signatures.Remembered()


def _tablet_cookie_data(raw: str) -> tuple[int, str]:
    """(tablet id, token) of a signed tablet cookie; raise BadSignature and the like if forged."""
    found = _TABLET_COOKIES.get(current_app.secret_key, raw)
    if found is None:
        data = _tablet_serializer().loads(raw)
        found = int(data["t"]), str(data["k"])
        _TABLET_COOKIES.put(current_app.secret_key, raw, found)
    return found


def _read_tablet_cookie() -> tuple[str, dict | None]:
    raw = request.cookies.get(TABLET_COOKIE)
    if not raw:
        return UNPAIRED, None
    try:
        tablet_id, token = _tablet_cookie_data(raw)
    except (BadSignature, KeyError, TypeError, ValueError):
        return UNPAIRED, None
    tablet = store.tablet_identity(get_db(), tablet_id)
    if tablet is None:
        return UNPAIRED, None
    if tablet["revoked_at"] or not credentials.matches(token, tablet["token_hash"]):
        return REVOKED, None
    return PAIRED, tablet


def hash_password(password: str) -> str:
    """A password hash with werkzeug's current default KDF (scrypt)."""
    return generate_password_hash(password)


# One answer for every failed login (unknown name, wrong password, throttled), so the page tells
# an attacker nothing about which names exist.
LOGIN_REFUSED = _l("Unknown user name or wrong password. After several attempts, wait a minute.")


def throttle_delay(failures: int, free: int, cap: int) -> int:
    """Seconds a name must wait after `failures` in a row: none for the first `free`, then doubling up to `cap`.

    A short cap slows guessing to about one try a minute per name, yet nobody can lock a
    colleague out for longer than that.
    """
    if failures < free:
        return 0
    return min(cap, 2 ** (failures - free))


def check_login(username: str, password: str) -> dict | None:
    """The user for a good login, else None (counting the failure for throttling).

    Every path checks one password hash, so the answer takes as long for an unknown name, a
    throttled name or a wrong password.
    """
    db = get_db()
    user = store.get_user(db, username)
    now = clock.stamp()
    usable = user is not None and user["disabled_at"] is None
    throttled = usable and bool(user["locked_until"]) and user["locked_until"] > now
    if not usable or throttled:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user["password_hash"], password):
        config = current_app.config
        wait = throttle_delay(
            user["failed_logins"] + 1, config["LOGIN_ATTEMPTS"], config["LOGIN_MAX_DELAY_SECONDS"]
        )
        store.login_failed(db, user["id"], clock.stamp(clock.now() + timedelta(seconds=wait)))
        return None
    store.login_succeeded(db, user["id"])
    return user


def log_in(user: dict) -> None:
    """Start a fresh coordinator session, recorded server-side so it can be ended from there."""
    secret = credentials.new_secret()
    db = get_db()
    store.end_sessions_started_before(db, session_start_limit())
    store.start_session(db, credentials.digest(secret), user["id"])
    session.clear()  # a new session prevents fixation
    session.permanent = True
    session["sid"] = secret
    session["login_at"] = clock.stamp()


def session_start_limit() -> str:
    """Sessions started at or before this stored time are past PERMANENT_SESSION_LIFETIME."""
    return clock.stamp(clock.now() - current_app.permanent_session_lifetime)


def log_out() -> None:
    """End this browser's session here and on the server (a kept copy of the cookie is dead too)."""
    secret = session.get("sid")
    if isinstance(secret, str):
        store.end_session(get_db(), credentials.digest(secret))
    session.clear()


def current_user() -> dict | None:
    """The logged-in user of a live session (not ended, not past its lifetime, user enabled)."""
    if "user" not in g:
        secret = session.get("sid")
        g.user = None
        if isinstance(secret, str):
            digest = credentials.digest(secret)
            g.user = store.session_user(get_db(), digest, session_start_limit())
            if g.user is None:
                session.clear()
    return g.user


def login_required(view):
    """Send anonymous visitors to the login page, then back."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("coordinator.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """Only admins; coordinators get 403."""

    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user()["role"] != "admin":
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def actor() -> str:
    """The name the audit log records for this request."""
    user = current_user()
    return user["username"] if user else "anonymous"
