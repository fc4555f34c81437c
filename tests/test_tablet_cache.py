"""A tablet's cookie is checked once per worker; revocations and changes count on the next request."""

from __future__ import annotations

import threading

import pytest

from survey import store
from survey.auth import TABLET_COOKIE
from survey.db import get_db

from .helpers import Tablet, database, payload


@pytest.fixture
def tablet(make_app):
    """A paired IND tablet whose worker has already looked it up (one survey stored)."""
    paired = Tablet(make_app(WTF_CSRF_ENABLED=True))
    assert paired.post(payload()).status_code == 201
    return paired


def in_other_worker(request):
    """Run `request` in another thread: another worker's own connection to the same file."""
    answer = []
    thread = threading.Thread(target=lambda: answer.append(request()))
    thread.start()
    thread.join()
    return answer[0]


def test_revocation_by_another_connection_counts_on_the_next_request(tablet):
    assert store.revoke_tablet(database(tablet.app), tablet.name)
    response = tablet.post(payload())
    assert response.status_code == 403 and response.json["error"] == "revoked"


def test_revocation_in_one_worker_counts_in_the_other_at_once(tablet):
    assert in_other_worker(lambda: tablet.post(payload()).status_code) == 201
    with tablet.app.app_context():  # this worker's own connection, as the admin page uses
        assert store.revoke_tablet(get_db(), tablet.name)
    assert tablet.post(payload()).status_code == 403
    assert in_other_worker(lambda: tablet.post(payload()).status_code) == 403


def test_a_changed_tablet_row_is_seen_on_the_next_request(tablet):
    database(tablet.app).execute(
        "update tablets set desks = '[\"gemeenteloket\"]' where name = ?", [tablet.name]
    )
    response = tablet.post(payload())
    assert response.status_code == 422
    assert "does not serve desk 'ind'" in response.text


def test_a_forged_cookie_is_refused_after_the_real_one_was_accepted(tablet):
    real = tablet.client.get_cookie(TABLET_COOKIE).value
    tablet.client.set_cookie(TABLET_COOKIE, real[:-2] + ("AA" if real[-2:] != "AA" else "BB"))
    response = tablet.post(payload())
    assert response.status_code == 401 and response.json["error"] == "unpaired"
    assert store.table_counts(database(tablet.app))["responses"] == 1


def test_a_survey_for_a_desk_just_added_to_the_tablet_is_stored_not_refused(tablet):
    # This worker remembers the tablet serving ind only; another connection adds a desk.
    database(tablet.app).execute(
        'update tablets set desks = \'["ind", "expat_centre"]\' where name = ?', [tablet.name]
    )
    body = payload(
        desks=["expat_centre"],
        ratings=[{"desk": "expat_centre", "question": "front_desk_staff", "value": 4}],
        choices=[],
    )
    assert tablet.post(body).status_code == 201
    assert store.table_counts(database(tablet.app))["responses"] == 2


def test_a_tablet_no_longer_armed_is_not_refused_on_what_the_worker_remembered(make_app):
    armed = Tablet(make_app(WTF_CSRF_ENABLED=True), mode="armed")
    assert armed.post(payload()).status_code == 422  # armed, no visit: refused, and remembered
    database(armed.app).execute("update tablets set mode = 'open' where name = ?", [armed.name])
    assert armed.post(payload()).status_code == 201


def test_a_tablet_paired_again_stores_nothing_from_its_old_cookie(tablet):
    database(tablet.app).execute(
        "update tablets set token_hash = 'another' where name = ?", [tablet.name]
    )
    response = tablet.post(payload())
    assert response.status_code == 403 and response.json["error"] == "revoked"
    assert store.table_counts(database(tablet.app))["responses"] == 1
