"""Coordinator sessions end at logout, at a password change, at `survey user disable`, and at
their absolute lifetime; a kept copy of the cookie is worth nothing after any of these."""

from __future__ import annotations

import re
from datetime import timedelta

from survey import clock, store

from .helpers import PASSWORD, CoordinatorActions, database, run_cli

PAGE = "/coordinator/tablets"


def logged_in(app, username="anna", role="admin"):
    """A client logged in as `username`, and the session cookie it holds."""
    client = app.test_client()
    CoordinatorActions(app, client).login(username, role=role)
    assert client.get(PAGE).status_code == 200
    return client, client.get_cookie("session").value


def with_cookie(app, value):
    """A fresh browser that presents a copied session cookie."""
    client = app.test_client()
    client.set_cookie("session", value)
    return client


def test_a_cookie_kept_from_before_logout_is_dead(app):
    client, kept = logged_in(app)
    client.post("/coordinator/logout")
    assert with_cookie(app, kept).get(PAGE).status_code == 302


def test_a_password_change_ends_every_other_session(app):
    _, kept = logged_in(app)
    result = run_cli(app, "user", "add", "anna", "--role", "admin", input="new password 123\n" * 2)
    assert result.exit_code == 0, result.output
    assert with_cookie(app, kept).get(PAGE).status_code == 302


def test_disable_ends_sessions_at_once_and_enable_lets_the_user_back(app):
    client, _ = logged_in(app)
    result = run_cli(app, "user", "disable", "anna")
    assert result.exit_code == 0 and "disabled" in result.output
    assert client.get(PAGE).status_code == 302
    again = app.test_client()
    again.post("/coordinator/login", data={"username": "anna", "password": PASSWORD})
    assert again.get(PAGE).status_code == 302  # a disabled user cannot log in
    listed = run_cli(app, "user", "list").output
    assert "anna\tadmin\tdisabled since" in listed
    assert run_cli(app, "user", "enable", "anna").exit_code == 0
    again.post("/coordinator/login", data={"username": "anna", "password": PASSWORD})
    assert again.get(PAGE).status_code == 200
    assert "anna\tadmin\tactive" in run_cli(app, "user", "list").output


def test_unknown_names_are_one_line_errors(app):
    for command in ("disable", "enable"):
        result = run_cli(app, "user", command, "nobody")
        assert result.exit_code == 1
        assert result.output.strip() == "Error: no user named 'nobody'"


def test_an_active_session_ends_at_its_absolute_lifetime(make_app, monkeypatch):
    app = make_app(PERMANENT_SESSION_LIFETIME=3600, SESSION_IDLE_MINUTES=30)
    client, _ = logged_in(app)
    start = clock.now()
    for minutes in (20, 40, 59):  # busy all along: the idle timeout never fires
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
        assert client.get(PAGE).status_code == 200
    moment = start + timedelta(minutes=61)
    monkeypatch.setattr(clock, "now", lambda: moment)
    assert client.get(PAGE).status_code == 302


def test_unknown_names_and_wrong_passwords_get_one_answer_and_no_secret_is_audited(app):
    CoordinatorActions(app, app.test_client()).create()
    client = app.test_client()
    pages = set()
    for name, password in [("anna", "wrong"), ("nobody", "x"), ("correct horse battery", "x")]:
        page = client.post("/coordinator/login", data={"username": name, "password": password})
        # The form echoes the name typed; the CSRF token carries the second it was made.
        pages.add(
            re.sub(
                r'(csrf[-_]token"? (?:content|value)=)"[^"]+"',
                r"\1",
                page.text.replace(name, "NAME"),
            )
        )
    assert len(pages) == 1 and "Unknown user name or wrong password." in pages.pop()
    rows = store.audit_rows(database(app), "login.failed")
    assert {r["actor"] for r in rows} == {"anna", "(unknown name)"}
    assert not any(PASSWORD in (r["actor"] + str(r["detail"])) for r in rows)


def test_many_wrong_passwords_never_lock_the_owner_out_for_long(make_app, monkeypatch):
    app = make_app(LOGIN_ATTEMPTS=5, LOGIN_MAX_DELAY_SECONDS=60)
    CoordinatorActions(app, app.test_client()).create()
    attacker = app.test_client()
    start = clock.now()
    for i in range(30):  # an attacker tries every ten seconds for five minutes
        moment = start + timedelta(seconds=10 * i)
        monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
        attacker.post("/coordinator/login", data={"username": "anna", "password": f"guess {i}"})
    moment = start + timedelta(seconds=300 + 61)
    monkeypatch.setattr(clock, "now", lambda: moment)
    owner = app.test_client()
    owner.post("/coordinator/login", data={"username": "anna", "password": PASSWORD})
    assert owner.get("/coordinator/quotes").status_code == 200


def test_sessions_past_their_lifetime_are_forgotten_at_the_next_login(make_app, monkeypatch):
    app = make_app(PERMANENT_SESSION_LIFETIME=3600)
    logged_in(app, "anna")
    logged_in(app, "bob")
    db = database(app)
    assert db.execute("select count(*) from sessions").fetchone()[0] == 2
    later = clock.now() + timedelta(hours=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    logged_in(app, "carla")
    assert db.execute("select count(*) from sessions").fetchone()[0] == 1
