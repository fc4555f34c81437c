"""Administration in the browser's HTTP: tablets with pairing links and QR codes, users, tokens.

Every form's bad input gets a clear message and stores nothing.
"""

from __future__ import annotations

import re

import pytest

from survey import store

from .helpers import database, run_cli


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
    from .helpers import CoordinatorActions

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


# --- users --------------------------------------------------------------------------------------


def password_link_of(html: str) -> str:
    return re.search(
        r'<code class="secret password-link">http://localhost([^<]+)</code>', html
    ).group(1)


def users(app):
    return {u["username"]: u for u in store.list_users(database(app))}


def test_an_admin_invites_a_user_who_chooses_their_own_password(app, admin):
    response = admin.post("/coordinator/users", data={"username": "bram", "role": "coordinator"})
    assert response.status_code == 200
    link = password_link_of(response.text)
    assert users(app)["bram"]["invited"] and users(app)["bram"]["role"] == "coordinator"
    newcomer = app.test_client()
    assert (
        newcomer.post("/coordinator/login", data={"username": "bram", "password": "!"}).status_code
        == 200
    )
    form = newcomer.get(link)
    assert form.status_code == 200 and "Choose your password" in form.text
    done = newcomer.post(
        link, data={"password": "a long enough one", "confirm": "a long enough one"}
    )
    assert done.status_code == 302
    assert newcomer.get(link).status_code == 404  # once only
    login = newcomer.post(
        "/coordinator/login", data={"username": "bram", "password": "a long enough one"}
    )
    assert login.status_code == 302
    assert not users(app)["bram"]["invited"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password": "short", "confirm": "short"}, "A password has 10 to 200 characters."),
        (
            {"password": "a long enough one", "confirm": "another long one"},
            "The two passwords differ.",
        ),
        ({"password": "", "confirm": ""}, "This field is required."),
    ],
)
def test_a_bad_new_password_is_refused_and_the_link_still_works(app, admin, data, message):
    link = password_link_of(
        admin.post("/coordinator/users", data={"username": "bram", "role": "coordinator"}).text
    )
    newcomer = app.test_client()
    response = newcomer.post(link, data=data)
    assert response.status_code == 422 and message in response.text
    assert users(app)["bram"]["invited"]
    assert newcomer.get(link).status_code == 200


def test_an_unknown_password_link_is_a_clear_404(client):
    response = client.get("/coordinator/password/not-a-real-code")
    assert response.status_code == 404 and "Link no longer valid" in response.text


@pytest.mark.parametrize(
    "data, message",
    [
        ({"username": "", "role": "coordinator"}, "Give a name of 1 to 100 characters."),
        ({"username": "  ", "role": "coordinator"}, "Give a name of 1 to 100 characters."),
        ({"username": "x" * 101, "role": "coordinator"}, "Give a name of 1 to 100 characters."),
        ({"username": "bram", "role": "owner"}, "Not a valid choice"),
        ({"username": "bram"}, "Pick a role."),
        ({"username": "root", "role": "coordinator"}, "A user with this name exists already."),
    ],
)
def test_bad_user_input_is_refused_and_nothing_is_stored(app, admin, data, message):
    response = admin.post("/coordinator/users", data=data)
    assert response.status_code == 422 and message in response.text
    assert list(users(app)) == ["root"] and users(app)["root"]["role"] == "admin"


def test_roles_change_and_the_last_admin_stays_one(app, admin, coordinator):
    coordinator.create("anna")
    assert (
        admin.post(
            "/coordinator/users/role", data={"username": "anna", "role": "admin"}
        ).status_code
        == 302
    )
    assert users(app)["anna"]["role"] == "admin"
    assert (
        admin.post(
            "/coordinator/users/role", data={"username": "anna", "role": "owner"}
        ).status_code
        == 422
    )
    assert users(app)["anna"]["role"] == "admin"
    admin.post("/coordinator/users/role", data={"username": "anna", "role": "coordinator"})
    refused = admin.post(
        "/coordinator/users/role", data={"username": "root", "role": "coordinator"}
    )
    assert refused.status_code == 409 and "The last enabled admin stays an admin" in refused.text
    assert users(app)["root"]["role"] == "admin"
    assert (
        admin.post(
            "/coordinator/users/role", data={"username": "nobody", "role": "admin"}
        ).status_code
        == 404
    )


def test_disabling_ends_the_users_sessions_at_once(app, admin):
    from .helpers import CoordinatorActions

    other = app.test_client()
    CoordinatorActions(app, other).login("anna")
    assert other.get("/coordinator/").status_code == 200
    assert (
        admin.post(
            "/coordinator/users/access", data={"username": "anna", "access": "disable"}
        ).status_code
        == 302
    )
    assert other.get("/coordinator/").status_code == 302  # back to the login page
    assert users(app)["anna"]["disabled_at"]
    admin.post("/coordinator/users/access", data={"username": "anna", "access": "enable"})
    assert users(app)["anna"]["disabled_at"] is None
    assert (
        admin.post(
            "/coordinator/users/access", data={"username": "anna", "access": "delete"}
        ).status_code
        == 400
    )
    refused = admin.post(
        "/coordinator/users/access", data={"username": "root", "access": "disable"}
    )
    assert refused.status_code == 409 and users(app)["root"]["disabled_at"] is None


def test_a_new_password_link_for_a_forgotten_password(app, admin, coordinator):
    coordinator.create("anna")
    link = password_link_of(admin.post("/coordinator/users/link", data={"username": "anna"}).text)
    user = app.test_client()
    assert (
        user.post(
            link, data={"password": "brand new secret", "confirm": "brand new secret"}
        ).status_code
        == 302
    )
    assert (
        user.post(
            "/coordinator/login", data={"username": "anna", "password": "brand new secret"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/coordinator/users"),
        ("post", "/coordinator/users"),
        ("post", "/coordinator/users/role"),
        ("post", "/coordinator/users/access"),
        ("post", "/coordinator/users/link"),
        ("get", "/coordinator/tokens"),
        ("post", "/coordinator/tokens"),
        ("post", "/coordinator/tokens/revoke"),
    ],
)
def test_coordinators_are_refused_the_users_and_tokens_pages(
    app, client, coordinator, method, path
):
    coordinator.login()
    response = getattr(client, method)(
        path, data={"username": "anna", "role": "admin", "access": "disable", "name": "x"}
    )
    assert response.status_code == 403
    assert users(app)["anna"]["role"] == "coordinator" and users(app)["anna"]["disabled_at"] is None
    assert store.list_tokens(database(app)) == []


# --- tokens -------------------------------------------------------------------------------------


def test_an_admin_makes_a_token_seen_once_which_reads_the_api(app, admin):
    response = admin.post("/coordinator/tokens", data={"name": "bi"})
    token = re.search(r'<code class="secret api-token">([^<]+)</code>', response.text).group(1)
    api = app.test_client()
    assert (
        api.get("/api/v1/summary", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    listing = admin.get("/coordinator/tokens").text
    assert "bi" in listing and token not in listing
    assert admin.post("/coordinator/tokens/revoke", data={"name": "bi"}).status_code == 302
    assert (
        api.get("/api/v1/summary", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )
    assert admin.post("/coordinator/tokens/revoke", data={"name": "bi"}).status_code == 404


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "Give a name of 1 to 100 characters."),
        ("   ", "Give a name of 1 to 100 characters."),
        ("x" * 101, "Give a name of 1 to 100 characters."),
        ("bi", "An active token has this name"),
    ],
)
def test_bad_token_input_is_refused_and_nothing_is_stored(app, admin, name, message):
    run_cli(app, "token", "add", "bi")
    response = admin.post("/coordinator/tokens", data={"name": name})
    assert response.status_code == 422 and message in response.text
    assert [t["name"] for t in store.list_tokens(database(app))] == ["bi"]


def test_the_menu_shows_each_role_its_pages_and_marks_the_current_one(
    app, client, coordinator, admin
):
    page = admin.get("/coordinator/users").text
    assert '<a href="/coordinator/users" aria-current="page">' in page
    assert 'href="/coordinator/desk"' in page and 'href="/coordinator/tokens"' in page
    other = app.test_client()
    from .helpers import CoordinatorActions

    CoordinatorActions(app, other).login("anna")
    menu = other.get("/coordinator/desk").text
    assert '<a href="/coordinator/desk" aria-current="page">' in menu
    assert 'href="/coordinator/users"' not in menu and 'href="/coordinator/tokens"' not in menu


# --- small things -------------------------------------------------------------------------------


def test_the_same_alert_rule_cannot_be_saved_twice(app, client, coordinator):
    coordinator.login()
    rule = {"desk": "ind", "percent": "30", "days": "7", "min_n": "1"}
    client.post("/coordinator/alerts", data=rule)
    client.post("/coordinator/alerts", data=rule)
    assert len(store.alert_rules(database(app))) == 1
    page = client.get("/coordinator/").text
    assert "This alert rule exists already." in page
    assert re.search(r"with at least 1 rating\s", page)
    client.post("/coordinator/alerts", data={**rule, "min_n": "2"})  # another rule is fine
    assert len(store.alert_rules(database(app))) == 2


def test_one_problem_is_one_problem(app, tmp_path):
    from .helpers import QUESTIONS

    bad = tmp_path / "questions.yaml"
    bad.write_text(QUESTIONS.read_text().replace("kind: text", "kind: slider", 1))
    output = run_cli(app, "check", "--questions", str(bad)).output
    assert "(1 problem)" in output


def test_alert_descriptions_count_in_the_right_number():
    from survey import alerts

    rule = {"id": 3, "days": 1, "low_share": 0.3, "min_n": 1}
    text = alerts.describe(alerts.Trip(rule, "ind", 1, 1))
    assert (
        text
        == "ind: 100% of 1 rating was 1 or 2 over the last day (rule #3: above 30%, at least 1 rating)"
    )


def test_the_demo_coordinator_is_a_coordinator_and_the_admin_an_admin(app):
    output = run_cli(app, "demo", "--responses", "0").output
    assert "Coordinator login: coordinator / " in output and "Admin login: admin / " in output
    roles = {name: user["role"] for name, user in users(app).items()}
    assert roles == {"admin": "admin", "coordinator": "coordinator"}


def test_cli_invites_a_user_with_a_set_password_link(make_app):
    app = make_app(BASE_URL="https://survey.example.nl")
    result = run_cli(app, "user", "invite", "bram", "--role", "admin")
    assert result.exit_code == 0, result.output
    link = result.output.splitlines()[-1]
    assert link.startswith("https://survey.example.nl/coordinator/password/")
    assert "bram\tadmin\tno password chosen yet" in run_cli(app, "user", "list").output
    client = app.test_client()
    path = link.removeprefix("https://survey.example.nl")
    assert (
        client.post(
            path, data={"password": "my own secret", "confirm": "my own secret"}
        ).status_code
        == 302
    )
    assert "bram\tadmin\tactive" in run_cli(app, "user", "list").output
    again = run_cli(app, "user", "invite", "bram")
    assert again.exit_code == 1 and "a user named 'bram' exists" in again.output


def test_the_desk_page_without_an_armed_tablet_points_to_the_tablets_page(admin):
    assert (
        "An admin adds one on the Tablets page (mode: armed)" in admin.get("/coordinator/desk").text
    )
    admin.post("/coordinator/language", data={"lang": "nl"})
    assert "op de pagina Tablets (modus: klaargezet)" in admin.get("/coordinator/desk").text
