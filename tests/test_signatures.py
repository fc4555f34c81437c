"""Signed values checked once per worker: a remembered value must never let more through."""

import json
import time

import pytest

from survey import signatures

from .helpers import Tablet, login, payload

SESSION = "session"


def session_cookie(client) -> str:
    return client.get_cookie(SESSION).value


def test_a_remembered_session_still_opens_and_a_changed_one_does_not(app):
    client = login(app)
    assert client.get("/coordinator/").status_code == 200
    assert client.get("/coordinator/").status_code == 200  # the remembered cookie
    good = session_cookie(client)
    client.set_cookie(SESSION, changed(good))
    answer = client.get("/coordinator/")
    assert answer.status_code == 302 and "/coordinator/login" in answer.location


def test_a_remembered_session_expires_on_time(app, monkeypatch):
    client = login(app)
    assert client.get("/coordinator/").status_code == 200
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(signatures.time, "time", lambda: later)
    answer = client.get("/coordinator/")
    assert answer.status_code == 302 and "/coordinator/login" in answer.location


def test_a_tablet_cookie_changed_by_one_character_is_not_paired(app):
    tablet = Tablet(app)
    assert tablet.post(payload()).status_code == 201  # its cookie is remembered now
    cookie = tablet.client.get_cookie("survey_tablet").value
    tablet.client.set_cookie("survey_tablet", changed(cookie))
    answer = tablet.post(payload())
    assert answer.status_code == 401 and answer.json["error"] == "unpaired"


def test_a_full_worker_memory_starts_over():
    remembered = signatures.Remembered(limit=2)
    remembered.put("key", "a", 1)
    remembered.put("key", "b", 2)
    remembered.put("key", "c", 3)
    assert (remembered.get("key", "a"), remembered.get("key", "c")) == (None, 3)
    assert remembered.get("other key", "c") is None


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)


def changed(value: str) -> str:
    """`value` with one character in the middle of its signature changed."""
    at = len(value) - 10
    return value[:at] + ("A" if value[at] != "A" else "B") + value[at + 1 :]


def test_a_remembered_csrf_token_passes_only_with_its_own_session(csrf_app):
    first, second = Tablet(csrf_app, "IND desk 1"), Tablet(csrf_app, "IND desk 2")
    assert first.post(payload()).status_code == 201
    assert first.post(payload()).status_code == 201  # the remembered token
    assert first.post(payload(), headers={"X-CSRFToken": changed(first.token)}).status_code == 403
    # A good token of another tablet's session is no token for this one.
    assert second.post(payload(), headers={"X-CSRFToken": first.token}).status_code == 403
    assert second.post(payload()).status_code == 201


def test_on_https_a_remembered_token_still_needs_this_sites_referrer(csrf_app):
    tablet = Tablet(csrf_app)

    def post(referrer):
        headers = {"X-CSRFToken": tablet.token, "Content-Type": "application/json"}
        if referrer:
            headers["Referer"] = referrer
        return tablet.client.post(
            "/api/v1/responses",
            data=json.dumps(payload()),
            headers=headers,
            base_url="https://localhost",
        )

    assert post("https://localhost/en/kiosk").status_code == 201
    refused = post("https://elsewhere.example/")
    assert refused.status_code == 403 and "referrer" in refused.text
    assert post(None).status_code == 403
