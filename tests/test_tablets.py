"""Tablet health: heartbeats, the coordinator's tablets page, and revocation by admins."""

from __future__ import annotations

from datetime import timedelta

import pytest

from survey import clock, store

from .helpers import Tablet, database, hidden, login, payload


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True, TIMEZONE="Europe/Amsterdam")


def test_heartbeat_records_last_seen_and_the_queued_count(csrf_app):
    tablet = Tablet(csrf_app)
    response = tablet.heartbeat(3)
    assert response.status_code == 200 and response.json["status"] == "ok"
    row = tablet.tablet_row()
    assert row["queued"] == 3 and row["last_seen_at"]


@pytest.mark.parametrize("queued", [-1, "3", 2.5, None, True])
def test_heartbeat_refuses_a_bad_count(csrf_app, queued):
    tablet = Tablet(csrf_app)
    response = tablet.heartbeat(queued)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "queued"
    assert tablet.tablet_row()["queued"] == 0


def test_heartbeat_needs_csrf_and_a_live_tablet(csrf_app):
    from .helpers import run_cli

    tablet = Tablet(csrf_app)
    bare = tablet.client.post("/api/v1/tablet/heartbeat", json={"queued": 1})
    assert bare.status_code == 403 and bare.json["error"] == "csrf"
    stranger = csrf_app.test_client().post(
        "/api/v1/tablet/heartbeat", json={"queued": 1}, headers={"X-CSRFToken": tablet.token}
    )
    assert stranger.status_code in (401, 403)
    run_cli(csrf_app, "tablet", "revoke", tablet.name)
    assert tablet.heartbeat(0).status_code == 403


def test_tablets_page_shows_online_offline_since_and_queued(csrf_app, monkeypatch):
    online, offline = Tablet(csrf_app, "IND desk 1"), Tablet(csrf_app, "IND desk 2")
    # IND desk 2 last reported at 10:32 Amsterdam time (08:32 UTC in summer), queue of 4.
    seen = clock.parse_timestamp("2021-06-30T08:32:00Z")
    monkeypatch.setattr(clock, "now", lambda: seen)
    offline.heartbeat(4)
    monkeypatch.setattr(clock, "now", lambda: seen + timedelta(minutes=30))
    online.heartbeat(0)
    page = login(csrf_app).get("/coordinator/tablets").text
    assert "IND desk 2: offline since 10:32" in page
    assert "IND desk 1: online" in page
    assert '<td class="queued">4</td>' in page


def test_an_old_last_contact_shows_its_date(csrf_app, monkeypatch):
    tablet = Tablet(csrf_app)
    seen = clock.parse_timestamp("2021-06-29T08:32:00Z")
    monkeypatch.setattr(clock, "now", lambda: seen)
    tablet.heartbeat(0)
    monkeypatch.setattr(clock, "now", lambda: seen + timedelta(days=1))
    assert "offline since 2021-06-29 10:32" in login(csrf_app).get("/coordinator/tablets").text


def test_only_admins_see_and_use_the_revoke_button(csrf_app):
    tablet = Tablet(csrf_app)
    tablet_id = tablet.tablet_row()["id"]
    coordinator = login(csrf_app)
    page = coordinator.get("/coordinator/tablets").text
    assert "Revoke" not in page
    refused = coordinator.post(
        f"/coordinator/tablets/{tablet_id}/revoke", data={"csrf_token": hidden(page, "csrf_token")}
    )
    assert refused.status_code == 403
    assert tablet.post(payload()).status_code == 201

    admin = login(csrf_app, "admin", "root")
    page = admin.get("/coordinator/tablets").text
    assert "Revoke" in page
    done = admin.post(
        f"/coordinator/tablets/{tablet_id}/revoke", data={"csrf_token": hidden(page, "csrf_token")}
    )
    assert done.status_code == 302
    # Revoked at once: the very next request of that tablet is refused.
    assert tablet.post(payload()).status_code == 403
    assert tablet.client.get("/").status_code == 403
    log = store.audit_rows(database(csrf_app), "tablet.revoked")
    assert [(row["actor"], row["subject"]) for row in log] == [("root", "IND desk 1")]


def test_revoking_without_csrf_is_refused(csrf_app):
    tablet = Tablet(csrf_app)
    admin = login(csrf_app, "admin", "root")
    response = admin.post(f"/coordinator/tablets/{tablet.tablet_row()['id']}/revoke")
    assert response.status_code == 400
    assert tablet.post(payload()).status_code == 201
