"""Security headers on every response, the API body limit, and the coordinator idle timeout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from survey import clock

from .helpers import Tablet, counts, payload

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        " frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/healthz",
        "/coordinator/login",
        "/static/kiosk.js",
        "/no-such-page",
        "/api/v1/responses",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, (path, name)


def test_kiosk_pages_have_no_inline_script_or_style(app):
    """The CSP forbids inline script; every page must work under it."""
    tablet = Tablet(app)
    pages = [tablet.client.get(path).text for path in ("/", "/en/survey", "/en/thanks")]
    for html in pages:
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert scripts
        for attributes, content in scripts:
            if 'type="application/json"' not in attributes:
                assert 'src="/static/' in attributes and content == ""
        assert not re.search(r"<[^>]+\son[a-z]+=", html)  # no onclick= and the like
        assert "style=" not in html


def test_api_bodies_over_the_limit_are_413_json_and_store_nothing(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, API_MAX_BYTES=4096)
    tablet = Tablet(app)
    big = payload(answers=[{"question": "better", "desk": None, "text": "x" * 1900}] * 3)
    response = tablet.post(big)
    assert response.status_code == 413
    assert response.json["error"] and "4096 bytes" in response.json["message"]
    assert counts(app)["responses"] == 0
    assert tablet.post(payload()).status_code == 201  # the server carries on


def test_the_default_api_limit_is_64_kb(app):
    assert app.config["API_MAX_BYTES"] == 64 * 1024


def test_idle_coordinator_session_ends(make_app, monkeypatch):
    from .helpers import CoordinatorActions

    app = make_app(SESSION_IDLE_MINUTES=30)
    client = app.test_client()
    CoordinatorActions(app, client).login()
    assert client.get("/coordinator/tablets").status_code == 200
    later = clock.now() + timedelta(minutes=31)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = client.get("/coordinator/tablets")
    assert response.status_code == 302 and "/coordinator/login" in response.headers["Location"]


def test_an_active_coordinator_session_stays(make_app, monkeypatch):
    from .helpers import CoordinatorActions

    app = make_app(SESSION_IDLE_MINUTES=30)
    client = app.test_client()
    CoordinatorActions(app, client).login()
    start = clock.now()
    for minutes in (20, 40, 60):
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
        assert client.get("/coordinator/tablets").status_code == 200


def test_session_cookie_flags(app, coordinator):
    response = coordinator.login()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
