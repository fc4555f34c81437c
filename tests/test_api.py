"""POST /api/v1/responses: the stable status codes, idempotency and validation."""

import json

import pytest

from survey import store
from survey.store import tablets as tablet_store

from .helpers import csrf_token, database, pair, payload, run_cli


@pytest.fixture
def kiosk(make_app):
    """A paired tablet with CSRF on, as the kiosk's JavaScript sees it."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = pair(app, client)
    token = csrf_token(page.text)

    def post(body, raw=None, headers=None):
        data = raw if raw is not None else json.dumps(body)
        sent = {"X-CSRFToken": token, "Content-Type": "application/json", **(headers or {})}
        return client.post("/api/v1/responses", data=data, headers=sent)

    post.app, post.client, post.token = app, client, token
    return post


def counts(app):
    return store.table_counts(database(app))


def test_new_response_is_201_and_stored_with_its_original_time(kiosk):
    body = payload()
    response = kiosk(body)
    assert response.status_code == 201
    assert response.json == {"id": body["id"], "status": "created"}
    stored = store.get_response(database(kiosk.app), body["id"])
    assert stored["submitted_at"] == "2021-06-30T08:00:00Z"  # UTC
    assert stored["tablet"] == "IND desk 1"
    assert [(c["question_id"], c["value"]) for c in stored["choices"]] == [
        ("service", "biometrics")
    ]
    assert counts(kiosk.app) == {"responses": 1, "ratings": 2, "choices": 1, "comments": 1}


def test_identical_replay_is_200_and_stores_nothing_more(kiosk):
    body = payload()
    assert kiosk(body).status_code == 201
    replay = kiosk(body)
    assert replay.status_code == 200 and replay.json["status"] == "replay"
    assert counts(kiosk.app)["ratings"] == 2


def test_same_id_with_other_content_is_409_and_changes_nothing(kiosk):
    body = payload()
    kiosk(body)
    changed = dict(body, ratings=[{"desk": "ind", "question": "front_desk_staff", "value": 1}])
    response = kiosk(changed)
    assert response.status_code == 409 and response.json["error"] == "conflict"
    stored = store.get_response(database(kiosk.app), body["id"])
    assert {r["value"] for r in stored["ratings"]} == {5, 4}


def rating(value):
    return [{"desk": "ind", "question": "front_desk_staff", "value": value}]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ratings": rating(6)}, "ratings[0].value"),
        ({"ratings": rating(0)}, "ratings[0].value"),
        ({"ratings": rating(True)}, "ratings[0].value"),
        ({"ratings": rating(5.0)}, "ratings[0].value"),
        ({"ratings": rating("5")}, "ratings[0].value"),
        ({"ratings": rating(None)}, "ratings[0].value"),
        ({"desks": ["gemeente"]}, "desks[0]"),
        ({"desks": ["expat_centre"]}, "desks[0]"),  # a desk this tablet does not serve
        ({"desks": []}, "desks"),
        ({"id": "not-a-uuid"}, "id"),
        ({"id": 12}, "id"),
        ({"language": "xx"}, "language"),
        ({"ratings": [{"desk": "ind", "question": "nope", "value": 3}]}, "ratings[0].question"),
        (
            {"ratings": [{"desk": "ind", "question": "info_living_working", "value": 3}]},
            "ratings[0].desk",
        ),
        ({"ratings": rating(3) + rating(4)}, "ratings[1]"),
        ({"answers": [{"question": "better", "desk": None, "text": "x" * 2001}]}, "answers[0].text"),
        ({"answers": [{"question": "better", "desk": None, "text": 5}]}, "answers[0].text"),
        ({"answers": [{"question": "front_desk_staff", "desk": "ind", "text": "hi"}]}, "answers[0].question"),
        ({"choices": [{"question": "service", "desk": "ind", "value": "taxes"}]}, "choices[0].value"),
        ({"submitted_at": "yesterday"}, "submitted_at"),
        ({"submitted_at": "2021-06-30T10:00:00"}, "submitted_at"),  # no zone
        ({"colour": "red"}, "colour"),
    ],
)  # fmt: skip
def test_invalid_payloads_are_422_with_the_field_and_store_nothing(kiosk, changes, field):
    response = kiosk(payload(**changes))
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json["errors"]], response.json
    assert all(error["message"] for error in response.json["errors"])
    assert counts(kiosk.app)["responses"] == 0


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"[1, 2]",
        b'{"id": "\\ud800"}',
        b'{"text": "\xff\xfe"}',
    ],
)
def test_malformed_bodies_are_422(kiosk, raw):
    response = kiosk(None, raw=raw)
    assert response.status_code == 422
    assert response.json["errors"][0]["message"]
    assert counts(kiosk.app)["responses"] == 0


def test_an_unpaired_surrogate_in_text_is_rejected_not_repaired(kiosk):
    body = json.dumps(payload()).replace("No issues yet.", "No issues \\udc80yet.")
    response = kiosk(None, raw=body.encode())
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "answers[0].text"


def test_every_error_is_reported_at_once(kiosk):
    response = kiosk(payload(id="x", language="xx", ratings=rating(9)))
    fields = {error["field"] for error in response.json["errors"]}
    assert {"id", "language", "ratings[0].value"} <= fields


def test_unpaired_browser_is_401(kiosk):
    stranger = kiosk.app.test_client()
    page = stranger.get("/")
    assert page.status_code == 403
    response = stranger.post(
        "/api/v1/responses",
        json=payload(),
        headers={"X-CSRFToken": csrf_token(page.text)},
    )
    assert response.status_code == 401
    assert counts(kiosk.app)["responses"] == 0


def test_revoked_tablet_is_403_at_once(kiosk):
    assert run_cli(kiosk.app, "tablet", "revoke", "IND desk 1").exit_code == 0
    response = kiosk(payload())
    assert response.status_code == 403 and response.json["error"] == "revoked"
    assert counts(kiosk.app)["responses"] == 0


def test_missing_or_forged_csrf_token_is_403(kiosk):
    missing = kiosk.client.post("/api/v1/responses", json=payload())
    forged = kiosk(payload(), headers={"X-CSRFToken": "forged"})
    assert missing.status_code == 403 and forged.status_code == 403
    assert missing.json["error"] == "csrf"
    assert counts(kiosk.app)["responses"] == 0


def test_the_form_and_the_api_share_one_validation(app, tablet_client):
    """The kiosk form refuses what the API refuses: a desk the tablet does not serve."""
    from survey.submission import SubmissionErrors, validate

    questionnaire = app.extensions["survey"]
    with pytest.raises(SubmissionErrors) as caught:
        validate(payload(desks=["gemeenteloket"]), questionnaire, ["ind"])
    assert caught.value.errors[0]["field"] == "desks[0]"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_a_submission_counts_as_the_tablet_reporting_in(kiosk, monkeypatch):
    def last_seen():
        return store.get_tablet_by_name(database(kiosk.app), "IND desk 1")["last_seen_at"]

    clock = [1000.0]
    monkeypatch.setattr(tablet_store, "monotonic", lambda: clock[0])
    assert last_seen() is None
    body = payload()
    assert kiosk(body).status_code == 201
    assert last_seen() is not None
    database(kiosk.app).execute("update tablets set last_seen_at = null")
    # Surveys back to back write the contact once per SEEN_EVERY_SECONDS, not each time.
    assert kiosk(payload()).status_code == 201
    assert last_seen() is None
    clock[0] += tablet_store.SEEN_EVERY_SECONDS
    assert kiosk(body).status_code == 200  # a replay from a tablet that was offline
    assert last_seen() is not None
