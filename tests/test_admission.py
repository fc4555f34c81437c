"""Armed mode (JS-free parts) and the per-tablet minimum interval between submissions."""

from __future__ import annotations

import re

import pytest

from .helpers import CoordinatorActions, Tablet, arm, counts, database, hidden, payload


@pytest.fixture
def armed(make_app):
    """An armed-mode IND tablet (CSRF on) and a logged-in clerk on their own browser."""
    app = make_app(WTF_CSRF_ENABLED=True)
    tablet = Tablet(app, "IND desk 1", ("ind",), "armed")
    clerk = CoordinatorActions(app, app.test_client())
    clerk.create("clerk")
    return app, tablet, clerk


def test_an_unarmed_tablet_shows_the_waiting_page_and_accepts_no_survey(armed):
    app, tablet, _ = armed
    start = tablet.client.get("/")
    assert "Please wait for the desk staff" in start.text
    for code, words in (("nl", "Wacht op de medewerker"), ("de", "Bitte warten Sie"), ("fr", "Veuillez attendre")):  # fmt: skip
        assert f'<p lang="{code}">{words}' in start.text  # no client has chosen a language yet
    assert 'http-equiv="refresh" content="5"' in start.text  # inside <noscript>
    assert "/en/desks" not in start.text
    assert tablet.client.get("/en/survey").status_code == 302
    response = tablet.post(payload())
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "visit_id"
    assert "armed mode" in response.json["errors"][0]["message"]
    assert counts(app)["responses"] == 0
    assert tablet.client.get("/api/v1/tablet/armed").json == {"mode": "armed", "armed": False}


def test_arming_opens_the_survey_which_carries_the_visit(armed):
    app, tablet, clerk = armed
    visit = arm(app, clerk)
    assert tablet.client.get("/api/v1/tablet/armed").json["armed"] is True
    assert "/en/desks" in tablet.client.get("/").text
    survey = tablet.client.get("/en/survey").text
    assert hidden(survey, "visit_id") == str(visit)
    response = tablet.post(payload(visit_id=visit))
    assert response.status_code == 201
    stored = database(app).execute("select response_id, service from visits").fetchone()
    assert stored == (response.json["id"], "biometrics")
    # The visit is used up: the tablet waits again, and the visit takes no second survey.
    assert "Please wait for the desk staff" in tablet.client.get("/").text
    again = tablet.post(payload(visit_id=visit))
    assert again.status_code == 422 and "already" in again.json["errors"][0]["message"]


def test_an_identical_replay_of_an_armed_survey_is_still_200(armed):
    app, tablet, clerk = armed
    body = payload(visit_id=arm(app, clerk))
    assert tablet.post(body).status_code == 201
    assert tablet.post(body).status_code == 200  # the offline queue can always finish


def test_a_visit_of_another_tablet_is_refused(armed):
    app, tablet, clerk = armed
    other = Tablet(app, "IND desk 2", ("ind",), "armed")
    visit = arm(app, clerk, "IND desk 2")
    before = counts(app)
    response = tablet.post(payload(visit_id=visit))
    assert response.status_code == 422
    assert response.json["errors"][0]["message"] == "no such visit was armed on this tablet"
    assert counts(app) == before
    assert other.post(payload(visit_id=visit)).status_code == 201


def test_an_open_tablet_cannot_claim_a_visit(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    tablet = Tablet(app)
    response = tablet.post(payload(visit_id=1))
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "visit_id"


def test_the_no_script_form_path_stores_the_visit(armed):
    from .helpers import post_step

    app, tablet, clerk = armed
    visit = arm(app, clerk)
    html = tablet.client.get("/en/survey").text
    page = post_step(tablet.client, "/en/survey", html, {"d_ind_q_front_desk_staff": "4"}, "next")
    done = post_step(tablet.client, "/en/survey", page.text, {}, "submit")
    assert done.status_code == 302 and done.headers["Location"] == "/en/thanks"
    row = database(app).execute("select response_id from visits where id = ?", [visit]).fetchone()
    assert row[0] is not None


def test_the_desk_page_needs_a_login_and_shows_no_answers(armed):
    app, tablet, clerk = armed
    assert clerk.client.get("/coordinator/desk").status_code == 302  # to the login
    visit = arm(app, clerk)
    tablet.post(
        payload(
            visit_id=visit, answers=[{"question": "better", "desk": None, "text": "SECRET remark"}]
        )
    )
    page = clerk.client.get("/coordinator/desk").text
    assert "completed" in page and "Biometrics" in page
    assert "SECRET" not in page
    assert not re.search(r">\s*[45]\s*<", page)  # no rating values


def test_arming_a_desk_the_tablet_does_not_serve_is_refused(armed):
    app, tablet, clerk = armed
    arm(app, clerk)  # logs in
    page = clerk.client.get("/coordinator/desk")
    tablet_id = tablet.tablet_row()["id"]
    Tablet(app, "OSS", ("expat_centre", "ind"), "armed")  # makes expat_centre a choice
    page = clerk.client.get("/coordinator/desk")
    response = clerk.client.post(
        "/coordinator/desk",
        data={"tablet": tablet_id, "desk": "expat_centre", "service": "other",
              "csrf_token": hidden(page.text, "csrf_token")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "does not serve that desk" in response.text
    assert database(app).execute("select count(*) from visits").fetchone()[0] == 1


def test_minimum_interval_gives_429_with_retry_after_and_stores_nothing(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, SUBMIT_MIN_INTERVAL=60)
    tablet = Tablet(app)
    first = payload()
    assert tablet.post(first).status_code == 201
    before = counts(app)
    second = tablet.post(payload())
    assert second.status_code == 429
    assert 1 <= int(second.headers["Retry-After"]) <= 60
    assert "retry" in second.json["message"]
    assert counts(app) == before
    # A replay of what is already stored is never throttled: the queue can finish.
    assert tablet.post(first).status_code == 200
    # Another tablet has its own interval.
    assert Tablet(app, "IND desk 2").post(payload()).status_code == 201


def test_the_interval_is_off_by_default(make_app):
    tablet = Tablet(make_app(WTF_CSRF_ENABLED=True))
    assert [tablet.post(payload()).status_code for _ in range(3)] == [201, 201, 201]
