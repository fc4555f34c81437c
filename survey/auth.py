"""Who is asking: the paired tablet (signed cookie) or the logged-in coordinator (session).

Flask glue shared by the blueprints, kept out of store.py (which knows no requests).
"""

from __future__ import annotations

import functools
from datetime import timedelta

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from . import clock, credentials, store
from .db import get_db

TABLET_COOKIE = "survey_tablet"
TABLET_COOKIE_AGE = 10 * 365 * 24 * 3600  # a paired tablet stays paired until revoked
UNPAIRED, REVOKED, PAIRED = "unpaired", "revoked", "paired"
# Checked when a name is unknown too, so a login's timing does not reveal which names exist.
_DUMMY_HASH = generate_password_hash("not a real password")


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


def _read_tablet_cookie() -> tuple[str, dict | None]:
    raw = request.cookies.get(TABLET_COOKIE)
    if not raw:
        return UNPAIRED, None
    try:
        data = _tablet_serializer().loads(raw)
        tablet = store.get_tablet(get_db(), int(data["t"]))
        token = str(data["k"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return UNPAIRED, None
    if tablet is None:
        return UNPAIRED, None
    if tablet["revoked_at"] or not credentials.matches(token, tablet["token_hash"]):
        return REVOKED, None
    return PAIRED, tablet


def hash_password(password: str) -> str:
    """A password hash with werkzeug's current default KDF (scrypt)."""
    return generate_password_hash(password)


def check_login(username: str, password: str) -> tuple[dict | None, str | None]:
    """(user, None) for a good login, else (None, reason) with lockout bookkeeping."""
    db = get_db()
    user = store.get_user(db, username)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None, _l("Unknown user name or wrong password.")
    if user["locked_until"] and user["locked_until"] > clock.stamp():
        return None, _l("Too many failed attempts. Try again later.")
    if not check_password_hash(user["password_hash"], password):
        until = clock.stamp(clock.now() + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"]))
        store.login_failed(db, user["id"], current_app.config["LOGIN_ATTEMPTS"], until)
        return None, _l("Unknown user name or wrong password.")
    store.login_succeeded(db, user["id"])
    return user, None


def log_in(user: dict) -> None:
    """Start a fresh coordinator session (a new session prevents fixation)."""
    session.clear()
    session.permanent = True
    session["user_id"] = user["id"]
    session["login_at"] = clock.stamp()


def current_user() -> dict | None:
    """The logged-in user, or None."""
    if "user" not in g:
        user_id = session.get("user_id")
        g.user = store.get_user_by_id(get_db(), user_id) if user_id else None
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
