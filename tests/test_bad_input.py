"""Bad input of every kind: a 4xx with a clear message, nothing stored, the server carries on.

Each case compares the answer tables (store.table_counts, plus used visits) before and after,
then proves the app still stores a valid survey.
"""

from __future__ import annotations

import json
import os

import pytest

from survey import auth, store

from .helpers import Tablet, counts, database, login, payload, run_cli

SQL = "'; DROP TABLE responses; --"
HTML = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def tablet(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    return Tablet(app)


def refused(tablet, status, *, body=None, raw=None, headers=None, field=None, says=None):
    """Send, expect `status` with a message, nothing stored, and a working server after."""
    before = counts(tablet.app)
    response = tablet.post(body, raw=raw, headers=headers)
    assert response.status_code == status, response.text
    assert response.is_json
    if status == 422:
        errors = response.json["errors"]
        assert errors and all(e["message"] for e in errors)
        if field is not None:
            assert field in [e["field"] for e in errors], errors
        text = " ".join(e["message"] for e in errors)
    else:
        assert response.json["message"]
        text = response.json["message"]
    if says:
        assert says in text, text
    assert counts(tablet.app) == before
    assert tablet.post(payload()).status_code == 201  # still up, still storing
    return response


def rating(value, question="front_desk_staff", desk="ind"):
    return [{"desk": desk, "question": question, "value": value}]


@pytest.mark.parametrize(
    "value", [0, 6, -1, 10**30, 2.5, 5.0, "5", "five", True, None, [5], {"v": 5}]
)
def test_ratings_out_of_range_or_not_whole_numbers(tablet, value):
    refused(tablet, 422, body=payload(ratings=rating(value)), field="ratings[0].value",
            says="whole number from 1 to 5")  # fmt: skip


@pytest.mark.parametrize(
    "changes, field, says",
    [
        ({"desks": ["nowhere"]}, "desks[0]", "unknown desk"),
        ({"desks": ["expat_centre"]}, "desks[0]", "does not serve"),  # a foreign desk
        ({"desks": "ind"}, "desks", "at least one desk"),
        ({"ratings": rating(3, "no_such_question")}, "ratings[0].question", "unknown question"),
        ({"ratings": rating(3, "info_living_working")}, "ratings[0].desk", "not asked for desk"),
        ({"ratings": rating(3, desk="expat_centre")}, "ratings[0].desk", "not among"),
        ({"ratings": rating(3, "better", None)}, "ratings[0].question", "does not take"),
        ({"choices": [{"question": "service", "desk": "ind", "value": SQL}]}, "choices[0].value", "must be one of"),
    ],
)  # fmt: skip
def test_unknown_and_foreign_desks_and_questions(tablet, changes, field, says):
    refused(tablet, 422, body=payload(**changes), field=field, says=says)


def test_oversized_body_is_413(tablet):
    huge = json.dumps(payload(padding="x" * 70_000))
    refused(tablet, 413, raw=huge, says="larger than 65536 bytes")


def test_oversized_body_without_content_length_is_413(tablet):
    """A chunked body (no Content-Length) is cut off at the limit while it is read."""
    import io

    before = counts(tablet.app)
    response = tablet.client.post(
        "/api/v1/responses",
        input_stream=io.BytesIO(b" " * 100_000),
        headers={
            "X-CSRFToken": tablet.token,
            "Content-Type": "application/json",
            "Transfer-Encoding": "chunked",
        },
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413 and response.json["message"]
    assert counts(tablet.app) == before


@pytest.mark.parametrize(
    "raw, says",
    [
        (os.urandom(2048), "UTF-8"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "UTF-8"),
        (b'{"id": "\xc3\x28"}', "UTF-8"),  # invalid UTF-8 sequence
        (b'{"id": "a"}\x00', "malformed JSON"),  # a raw NUL byte
        (b"\x00\x00\x00", "malformed JSON"),
        (b"", "malformed JSON"),
        (b"null", "JSON object"),
        (b"[" * 5000 + b"]" * 5000, ""),  # deep nesting: refused, never a 500
    ],
)
def test_binary_invalid_utf8_and_nul_bodies(tablet, raw, says):
    refused(tablet, 422, raw=raw, says=says)


def test_lone_surrogates_inside_text_are_refused(tablet):
    # (A NUL or another control character is removed, the rest kept: see test_hostile.py.)
    raw = json.dumps(payload()).replace("No issues yet.", "\\ud800").encode()
    refused(tablet, 422, raw=raw, field="answers[0].text")


@pytest.mark.parametrize("headers", [{"X-CSRFToken": ""}, {"X-CSRFToken": "forged.token.value"}])
def test_missing_or_forged_csrf(tablet, headers):
    refused(tablet, 403, body=payload(), headers=headers, says="CSRF")


def test_csrf_token_of_another_browser_is_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    one, two = Tablet(app, "IND desk 1"), Tablet(app, "IND desk 2")
    one.token = two.token
    refused_response = one.post(payload())
    assert refused_response.status_code == 403 and refused_response.json["error"] == "csrf"
    assert store.response_count(database(app)) == 0


def test_a_replayed_id_with_other_content_is_409_and_keeps_the_original(tablet):
    original = payload()
    assert tablet.post(original).status_code == 201
    changed = dict(original, ratings=rating(1))
    response = refused(tablet, 409, body=changed, says="different response")
    assert response.json["error"] == "conflict"
    stored = store.get_response(database(tablet.app), original["id"])
    assert sorted(r["value"] for r in stored["ratings"]) == [4, 5]


def test_forged_tablet_cookies_are_401(tablet):
    client = tablet.client
    client.set_cookie(auth.TABLET_COOKIE, "eyJ0IjoxLCJrIjoiZm9yZ2VkIn0.forgedsignature")
    response = tablet.post(payload())
    assert response.status_code == 401 and response.json["error"] == "unpaired"
    assert "not a paired tablet" in response.json["message"]
    assert store.response_count(database(tablet.app)) == 0


def test_a_validly_signed_cookie_for_another_tablet_with_a_guessed_token_is_403(tablet):
    with tablet.app.test_request_context():
        forged = auth.tablet_cookie(tablet.tablet_row()["id"], "guessed-token")
    tablet.client.set_cookie(auth.TABLET_COOKIE, forged)
    response = tablet.post(payload())
    assert response.status_code == 403
    assert store.response_count(database(tablet.app)) == 0


def test_a_revoked_tablet_is_refused_at_once(tablet):
    assert tablet.post(payload()).status_code == 201
    run_cli(tablet.app, "tablet", "revoke", tablet.name)
    before = counts(tablet.app)
    response = tablet.post(payload())
    assert response.status_code == 403 and response.json["error"] == "revoked"
    assert tablet.heartbeat(0).status_code == 403
    assert tablet.client.get("/en/survey").status_code == 403
    assert counts(tablet.app) == before


def test_sql_and_html_in_free_text_are_stored_as_text(tablet):
    body = payload(answers=[{"question": "better", "desk": None, "text": f"{SQL} {HTML}"}])
    assert tablet.post(body).status_code == 201
    db = database(tablet.app)
    assert store.table_counts(db)["responses"] == 1  # the table is still there
    stored = store.get_response(db, body["id"])["comments"][0]["text"]
    assert "DROP TABLE responses" in stored and "<script>" in stored


@pytest.mark.parametrize("field", ["id", "language", "tablet_name"])
def test_sql_and_html_in_identifiers_are_refused(tablet, field):
    if field == "tablet_name":
        # The one free-text identifier: accepted by the CLI, shown escaped on every page.
        run_cli(tablet.app, "tablet", "add", HTML, "--desk", "ind")
        page = login(tablet.app).get("/coordinator/tablets").text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        return
    refused(tablet, 422, body=payload(**{field: SQL + HTML}), field=field)


def test_html_typed_into_the_kiosk_form_comes_back_escaped(tablet):
    """No-script path: a comment carried between steps is escaped in the hidden field."""
    from .helpers import post_step

    html = tablet.client.get("/en/survey").text
    page = post_step(
        tablet.client,
        "/en/survey",
        html,
        {"d_ind_q_permit_processing_comment": HTML, "csrf_token": tablet.token},
        "next",
    )
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&#34;&gt;&lt;script&gt;" in page.text or "&quot;&gt;&lt;script&gt;" in page.text


def test_a_tampered_kiosk_form_stores_nothing(tablet):
    from .helpers import post_step

    before = counts(tablet.app)
    html = tablet.client.get("/en/survey").text
    page = post_step(
        tablet.client,
        "/en/survey",
        html,
        {"d_ind_q_front_desk_staff": "9", "csrf_token": tablet.token},
        "next",
    )
    assert page.status_code == 200 and "Please check the answers" in page.text
    assert counts(tablet.app) == before


def test_unknown_fields_and_wrong_types_everywhere(tablet):
    body = payload(ratings="all fives", answers=[1], choices={"a": 1}, visit_id="7", extra=True)
    response = refused(tablet, 422, body=body)
    fields = {e["field"] for e in response.json["errors"]}
    assert {"ratings", "answers[0]", "choices", "visit_id", "extra"} <= fields
