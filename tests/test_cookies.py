"""Signed cookies checked once per worker: a remembered cookie must never let more through."""

import time

from survey import cookies

from .helpers import Tablet, login, payload

SESSION = "session"


def session_cookie(client) -> str:
    return client.get_cookie(SESSION).value


def test_a_remembered_session_still_opens_and_a_changed_one_does_not(app):
    client = login(app)
    assert client.get("/coordinator/").status_code == 200
    assert client.get("/coordinator/").status_code == 200  # the remembered cookie
    good = session_cookie(client)
    forged = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    client.set_cookie(SESSION, forged)
    answer = client.get("/coordinator/")
    assert answer.status_code == 302 and "/coordinator/login" in answer.location


def test_a_remembered_session_expires_on_time(app, monkeypatch):
    client = login(app)
    assert client.get("/coordinator/").status_code == 200
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(cookies.time, "time", lambda: later)
    answer = client.get("/coordinator/")
    assert answer.status_code == 302 and "/coordinator/login" in answer.location


def test_a_tablet_cookie_changed_by_one_character_is_not_paired(app):
    tablet = Tablet(app)
    assert tablet.post(payload()).status_code == 201  # its cookie is remembered now
    cookie = tablet.client.get_cookie("survey_tablet").value
    tablet.client.set_cookie("survey_tablet", cookie[:-1] + ("x" if cookie[-1] != "x" else "y"))
    answer = tablet.post(payload())
    assert answer.status_code == 401 and answer.json["error"] == "unpaired"


def test_a_full_worker_memory_starts_over():
    remembered = cookies.Remembered(limit=2)
    remembered.put("key", "a", 1)
    remembered.put("key", "b", 2)
    remembered.put("key", "c", 3)
    assert (remembered.get("key", "a"), remembered.get("key", "c")) == (None, 3)
    assert remembered.get("other key", "c") is None
