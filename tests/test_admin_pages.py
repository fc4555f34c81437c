"""Administration in the browser's HTTP: tablets with pairing links and QR codes, users, tokens.

Every form's bad input gets a clear message and stores nothing.
"""

from __future__ import annotations

import re

import pytest

from survey import store

from .conftest import database, run_cli


@pytest.fixture
def admin(app, client, coordinator):
    coordinator.login("root", role="admin")
    return client


def tablet_rows(app):
    return store.list_tablets(database(app))


def pairing_link(html: str) -> str:
    return re.search(r'<code class="pairing-link">([^<]+)</code>', html).group(1)


def test_an_admin_adds_a_tablet_and_gets_a_full_link_and_a_qr_code(app, admin):
    response = admin.post(
        "/coordinator/tablets",
        data={"name": "IND desk 3", "desks": ["ind", "expat_centre"], "mode": "armed"},
    )
    assert response.status_code == 200
    link = pairing_link(response.text)
    assert link.startswith("http://localhost/pair/")  # the host the admin reached the page by
    assert (
        '<svg role="img"' in response.text
        and "<title>Pairing link for tablet IND desk 3" in response.text
    )
    [tablet] = tablet_rows(app)
    assert (tablet["name"], tablet["desks"], tablet["mode"]) == (
        "IND desk 3",
        ["ind", "expat_centre"],
        "armed",
    )
    # The link pairs a browser once and opens the kiosk.
    kiosk = app.test_client()
    assert kiosk.get(link.removeprefix("http://localhost")).status_code == 302
    assert kiosk.get(link.removeprefix("http://localhost")).status_code == 404


def test_base_url_wins_over_the_request_host(make_app, coordinator):
    app = make_app(BASE_URL="https://desks.example.org/")
    client = app.test_client()
    from .conftest import CoordinatorActions

    CoordinatorActions(app, client).login("root", role="admin")
    response = client.post(
        "/coordinator/tablets", data={"name": "T", "desks": ["ind"], "mode": "open"}
    )
    assert pairing_link(response.text).startswith("https://desks.example.org/pair/")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "desks": ["ind"], "mode": "open"}, "Give a name of 1 to 100 characters."),
        ({"name": "   ", "desks": ["ind"], "mode": "open"}, "Give a name of 1 to 100 characters."),
        (
            {"name": "x" * 101, "desks": ["ind"], "mode": "open"},
            "Give a name of 1 to 100 characters.",
        ),
        ({"name": "T", "mode": "open"}, "Tick at least one desk."),
        ({"name": "T", "desks": ["nowhere"], "mode": "open"}, "is not a valid choice"),
        ({"name": "T", "desks": ["ind"], "mode": "sometimes"}, "Not a valid choice"),
        ({"name": "T", "desks": ["ind"]}, "Pick a mode."),
    ],
)
def test_bad_tablet_input_is_refused_and_nothing_is_stored(app, admin, data, message):
    response = admin.post("/coordinator/tablets", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert tablet_rows(app) == []


def test_a_taken_tablet_name_is_refused(app, admin):
    run_cli(app, "tablet", "add", "IND desk 1", "--desk", "ind")
    response = admin.post(
        "/coordinator/tablets",
        data={"name": "IND desk 1", "desks": ["gemeenteloket"], "mode": "open"},
    )
    assert (
        response.status_code == 422 and "A tablet with this name exists already." in response.text
    )
    assert [t["desks"] for t in tablet_rows(app)] == [["ind"]]


def test_repairing_gives_a_new_link_and_the_old_one_stops(app, admin):
    first = pairing_link(
        admin.post(
            "/coordinator/tablets", data={"name": "T", "desks": ["ind"], "mode": "open"}
        ).text
    )
    tablet_id = tablet_rows(app)[0]["id"]
    second = pairing_link(admin.post(f"/coordinator/tablets/{tablet_id}/pair").text)
    assert first != second
    kiosk = app.test_client()
    assert kiosk.get(first.removeprefix("http://localhost")).status_code == 404
    assert kiosk.get(second.removeprefix("http://localhost")).status_code == 302
    assert admin.post("/coordinator/tablets/999/pair").status_code == 404


def test_revoking_asks_first(app, admin):
    run_cli(app, "tablet", "add", "IND desk 1", "--desk", "ind")
    tablet_id = tablet_rows(app)[0]["id"]
    page = admin.get("/coordinator/tablets").text
    assert f'href="/coordinator/tablets/{tablet_id}/revoke"' in page  # a link to the question
    confirm = admin.get(f"/coordinator/tablets/{tablet_id}/revoke")
    assert confirm.status_code == 200 and "Revoke IND desk 1?" in confirm.text
    assert tablet_rows(app)[0]["revoked_at"] is None  # asking changed nothing
    assert admin.post(f"/coordinator/tablets/{tablet_id}/revoke").status_code == 302
    assert tablet_rows(app)[0]["revoked_at"]
    assert admin.get(f"/coordinator/tablets/{tablet_id}/revoke").status_code == 404


def test_coordinators_see_the_tablets_but_cannot_add_or_pair(app, client, coordinator):
    run_cli(app, "tablet", "add", "IND desk 1", "--desk", "ind")
    coordinator.login()
    page = client.get("/coordinator/tablets")
    assert page.status_code == 200 and "IND desk 1" in page.text
    assert "Add a tablet" not in page.text and "New pairing link" not in page.text
    assert (
        client.post(
            "/coordinator/tablets", data={"name": "T", "desks": ["ind"], "mode": "open"}
        ).status_code
        == 403
    )
    assert client.post(f"/coordinator/tablets/{tablet_rows(app)[0]['id']}/pair").status_code == 403
    assert client.get(f"/coordinator/tablets/{tablet_rows(app)[0]['id']}/revoke").status_code == 403
    assert len(tablet_rows(app)) == 1


def test_cli_tablet_add_prints_a_full_url_with_base_url(make_app):
    app = make_app(BASE_URL="https://survey.example.nl")
    result = run_cli(app, "tablet", "add", "T", "--desk", "ind")
    assert result.output.splitlines()[-1].startswith("https://survey.example.nl/pair/")


def test_cli_tablet_add_says_how_to_set_base_url_without_it(app):
    result = run_cli(app, "tablet", "add", "T", "--desk", "ind")
    assert "SURVEY_BASE_URL=" in result.output
    assert result.output.splitlines()[-1].startswith("/pair/")


def test_cli_tablet_list_has_a_header_and_local_times(app, monkeypatch):
    from survey import clock

    run_cli(app, "tablet", "add", "T", "--desk", "ind")
    with app.app_context():
        from survey.db import get_db

        seen = clock.parse_timestamp("2021-06-30T08:32:00Z")
        monkeypatch.setattr(clock, "now", lambda: seen)
        store.tablet_seen(get_db(), tablet_rows(app)[0]["id"])
    lines = run_cli(app, "tablet", "list").output.splitlines()
    assert lines[0] == "name\tdesks\tmode\tstate\tlast seen (Europe/Amsterdam)"
    assert lines[1] == "T\tind\topen\twaiting for pairing\t2021-06-30 10:32"


def test_version_names_the_survey(app):
    from survey import __version__

    assert run_cli(app, "--version").output.splitlines()[0] == f"survey {__version__}"
