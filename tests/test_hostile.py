"""The hostile review's classes of defect, each tried through every door that takes it in.

Doors: the kiosk form (no JavaScript), the JSON API, `survey import`, coordinator forms, query
strings and the CLI. Each case asserts a 4xx or a one-line message, that nothing was stored
(or, for a tablet's clock, that the survey was kept with the server's time), and that every
coordinator page still answers 200 afterwards.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import threading
import uuid
from pathlib import Path

import pytest

from survey import store
from survey.admission import admit
from survey.submission import SubmissionErrors, record, validate

from .helpers import (
    CoordinatorActions,
    Tablet,
    counts,
    database,
    hidden,
    payload,
    post_step,
    run_cli,
)

IMPLAUSIBLE_TIMES = [
    "0999-06-30T12:00:00Z",  # stored as "999-06-30..." before: every page failed
    "0001-01-01T00:00:00+01:00",  # OverflowError on conversion to UTC
    "9999-12-31T23:59:59-01:00",  # OverflowError the other way
    "1970-01-01T00:00:00Z",  # a tablet whose clock was reset
    "2999-01-01T00:00:00Z",  # a tablet clock far ahead
]
IMPLAUSIBLE_DAYS = ["0001-01-01", "0999-06-30", "1970-01-01", "9999-12-31"]
RATINGS_HEADER = "response_id,submitted_at,desk,question,value,language,tablet\n"


@pytest.fixture
def admin(app):
    """A client logged in as an admin (CSRF is off in the test app, as in the other suites)."""
    client = app.test_client()
    CoordinatorActions(app, client).login("root", role="admin")
    return client


def coordinator_pages(app) -> list[str]:
    """Every coordinator page a GET can open without an id."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("coordinator.")
        and "GET" in rule.methods
        and not rule.arguments
        and rule.endpoint != "coordinator.login"
    )


def assert_every_page_works(app) -> None:
    """Every coordinator page answers 200 for an admin, whatever is stored now."""
    client = app.test_client()
    CoordinatorActions(app, client).login("pages-check", role="admin")
    pages = coordinator_pages(app)
    assert len(pages) >= 7, pages
    extra = ["/coordinator/?period=all", "/coordinator/hours?period=all", "/api/v1/openapi.json"]
    for page in pages + extra:
        answer = client.get(page)
        assert answer.status_code == 200, (page, answer.status_code)


def write(tmp_path, text: str) -> str:
    path = tmp_path / f"{uuid.uuid4().hex}.csv"
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def one_line_error(result, *expected: str) -> None:
    """A non-zero exit whose message is one line naming the problem."""
    assert result.exit_code != 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and all(part in result.output for part in expected), result.output
    assert "Traceback" not in result.output


def kiosk_form_survey(tablet, answers: dict, last: dict | None = None, tamper: dict | None = None):
    """Fill the no-JavaScript kiosk form (hidden fields tampered with as asked); the final answer."""
    html = tablet.client.get("/en/survey").text
    for name, value in (tamper or {}).items():
        html = re.sub(rf'(name="{name}" (?:type="hidden" )?value=")[^"]*', rf"\g<1>{value}", html)
    step2 = post_step(tablet.client, "/en/survey", html, answers, "next")
    done = post_step(tablet.client, "/en/survey", step2.text, last or {}, "submit")
    return hidden(html, "response_id"), done


# --- 1. one plausibility window for every time and day ------------------------------------------


@pytest.mark.parametrize("moment", IMPLAUSIBLE_TIMES)
def test_api_a_tablet_clock_outside_the_window_keeps_the_survey_with_the_servers_time(app, moment):
    tablet = Tablet(app)
    body = payload(submitted_at=moment, started_at=moment)
    assert tablet.post(body).status_code == 201  # never refused for the tablet's clock
    stored = store.get_response(database(app), body["id"])
    assert stored["submitted_at"] == stored["received_at"]  # the server's own receive time
    assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", stored["submitted_at"])
    assert stored["started_at"] is None
    assert {r["submitted_at"] for r in stored["ratings"]} == {stored["submitted_at"]}
    assert_every_page_works(app)


def test_api_a_plausible_tablet_time_is_kept_as_given(app):
    tablet = Tablet(app)
    body = payload(submitted_at="2021-06-30T10:00:00+02:00")
    assert tablet.post(body).status_code == 201
    stored = store.get_response(database(app), body["id"])
    assert stored["submitted_at"] == "2021-06-30T08:00:00Z"
    assert stored["received_at"] != stored["submitted_at"]


@pytest.mark.parametrize("moment", IMPLAUSIBLE_TIMES[:3])
def test_kiosk_form_a_tampered_start_time_keeps_the_survey(app, moment):
    tablet = Tablet(app)
    rid, done = kiosk_form_survey(
        tablet, {"d_ind_q_front_desk_staff": "4"}, tamper={"started_at": moment}
    )
    assert done.status_code == 302 and done.headers["Location"] == "/en/thanks"
    stored = store.get_response(database(app), rid)
    assert stored["started_at"] is None and stored["submitted_at"].startswith("20")
    assert_every_page_works(app)


@pytest.mark.parametrize("moment", IMPLAUSIBLE_TIMES)
def test_import_a_time_outside_the_window_is_a_line_error(app, tmp_path, moment):
    row = f"{uuid.uuid4()},{moment},ind,front_desk_staff,4,en,Paper\n"
    result = run_cli(app, "import", write(tmp_path, RATINGS_HEADER + row))
    one_line_error(result, "line 2: submitted_at", "outside the plausible range")
    assert counts(app)["responses"] == 0
    assert_every_page_works(app)


@pytest.mark.parametrize(
    "url",
    [
        "/coordinator/?period=range&from={day}&to=2021-01-01",
        "/coordinator/?period=range&from=2021-01-01&to={day}",
        "/coordinator/hours?period=range&from={day}",
        "/coordinator/report?from={day}&to=2021-12-31",
        "/coordinator/report?from=2021-01-01&to={day}",
        "/coordinator/quotes?from={day}&to={day}",
        "/coordinator/exports?fmt=csv&start={day}",
        "/coordinator/exports?fmt=json&end={day}",
    ],
)
@pytest.mark.parametrize("day", IMPLAUSIBLE_DAYS)
def test_query_strings_with_days_outside_the_window_get_a_message(app, admin, url, day):
    answer = admin.get(url.format(day=day))
    assert answer.status_code in (200, 400), answer.status_code
    assert "outside" in answer.text or "Pick a day between" in answer.text or "must be a date" in answer.text  # fmt: skip
    assert_every_page_works(app)


@pytest.mark.parametrize("day", IMPLAUSIBLE_DAYS)
def test_read_api_days_outside_the_window_are_422(app, day):
    token = run_cli(app, "token", "add", "bi").output.strip().splitlines()[-1]
    client = app.test_client()
    answer = client.get(f"/api/v1/summary?from={day}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "from"
    answer = client.get(f"/api/v1/ratings?to={day}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422


@pytest.mark.parametrize("day", IMPLAUSIBLE_DAYS)
def test_coordinator_forms_refuse_days_outside_the_window(app, admin, tmp_path, day):
    db = database(app)
    figure = {"figure-desk": "ind", "figure-metric": "clients", "figure-first": "2021-01-01",
              "figure-last": day, "figure-value": "10"}  # fmt: skip
    answer = admin.post("/coordinator/figures", data=figure)
    assert answer.status_code in (200, 400) and "Pick a day between" in answer.text
    note = {"note-starts_on": day, "note-ends_on": "2021-01-01", "note-desk": "", "note-text": "x"}
    answer = admin.post("/coordinator/notes", data=note)
    assert answer.status_code in (200, 400) and "Pick a day between" in answer.text
    csv_text = f"desk_id,metric,period_start,period_end,value\nind,clients,2021-01-01,{day},5\n"
    answer = admin.post(
        "/coordinator/figures/import",
        data={"csv-file": (io.BytesIO(csv_text.encode()), "f.csv")},
    )
    assert answer.status_code in (200, 400) and "line 2:" in answer.text
    assert db.execute("select count(*) from figures").fetchone()[0] == 0
    assert db.execute("select count(*) from notes").fetchone()[0] == 0
    assert_every_page_works(app)


@pytest.mark.parametrize("day", IMPLAUSIBLE_DAYS)
def test_cli_days_outside_the_window_are_one_line_errors(app, tmp_path, day):
    one_line_error(run_cli(app, "export", "--from", day, "--format", "csv"), "outside")
    out = str(tmp_path / "r.html")
    one_line_error(
        run_cli(app, "report", "--from", "2021-01-01", "--to", day, "-o", out), "outside"
    )
    assert not os.path.exists(out)


def test_a_stored_time_from_before_the_fix_is_repaired_and_every_page_works(app):
    db = database(app)
    response = {"id": str(uuid.uuid4()), "submitted_at": "999-06-30T12:00:00Z",
                "received_at": "2021-06-30T12:00:05Z", "started_at": "0001-01-01T00:00:00Z",
                "language": "en", "desks": '["ind"]', "tablet": "t", "source": "api",
                "fingerprint": "x"}  # fmt: skip
    store.save_response(db, response, [("ind", "front_desk_staff", 3)])
    # Run the repair again, as an older database meets it on its first start.
    db.execute("delete from _sqlite_migrations where name = 'm005_plausible_times'")
    store.migrate(db)
    stored = store.get_response(db, response["id"])
    assert stored["submitted_at"] == "2021-06-30T12:00:05Z" and stored["started_at"] is None
    assert stored["ratings"][0]["submitted_at"] == "2021-06-30T12:00:05Z"
    assert_every_page_works(app)


# --- 2. types: every value of the wrong type or size is a 4xx -----------------------------------


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"language": ["en"]}, "language"),
        ({"language": {"en": 1}}, "language"),
        ({"ratings": [{"desk": "ind", "question": {"id": "x"}, "value": 3}]}, "ratings[0].question"),
        ({"ratings": [{"desk": "ind", "question": ["front_desk_staff"], "value": 3}]}, "ratings[0].question"),
        ({"answers": [{"desk": None, "question": {"a": [1]}, "text": "hi"}]}, "answers[0].question"),
        ({"desks": [["ind"]]}, "desks[0]"),
        ({"desks": [{"ind": 1}]}, "desks[0]"),
        ({"visit_id": 2**63}, "visit_id"),
        ({"visit_id": 10**30}, "visit_id"),
        ({"visit_id": -1}, "visit_id"),
        ({"id": str(uuid.uuid4()).upper()[:35]}, "id"),
    ],
)  # fmt: skip
def test_api_values_of_the_wrong_type_are_422_and_store_nothing(app, changes, field):
    tablet = Tablet(app)
    before = counts(app)
    answer = tablet.post(payload(**changes))
    assert answer.status_code == 422, answer.text
    assert field in [e["field"] for e in answer.json["errors"]]
    assert counts(app) == before
    assert_every_page_works(app)


@pytest.mark.parametrize(
    "query",
    [
        "limit=%C2%B2",  # "²": isdigit() says yes, int() says no
        "limit=99999999999999999999999",
        "limit=-1",
        "cursor=" + "eyJhZnRlciI6IDEwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDB9",  # {"after": 10**30}
        "cursor=" + "W1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1s",  # [[[[...
        "cursor=" + "x" * 5000,
    ],
)
def test_read_api_bad_paging_is_422(app, query):
    token = run_cli(app, "token", "add", "bi").output.strip().splitlines()[-1]
    answer = app.test_client().get(
        f"/api/v1/ratings?{query}", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 422, answer.text
    assert answer.json["errors"][0]["field"] in ("limit", "cursor")


@pytest.mark.parametrize("page", ["100000000000000000000", "-5", "²", "1e9", "9" * 5000])
def test_quotes_page_numbers_of_any_size_show_a_page(app, admin, page):
    assert admin.get(f"/coordinator/quotes?page={page}").status_code == 200


def test_a_200_kb_field_in_a_figures_csv_is_a_line_message(app, admin):
    text = "desk_id,metric,period_start,period_end,value\n" + "ind,clients,2021-01-01,2021-01-31," + "9" * 200_000 + "\n"  # fmt: skip
    answer = admin.post(
        "/coordinator/figures/import",
        data={"csv-file": (io.BytesIO(text.encode()), "f.csv")},
    )
    assert answer.status_code in (200, 400) and "line 2:" in answer.text
    assert len(answer.text) < 100_000  # the message does not echo the field
    assert database(app).execute("select count(*) from figures").fetchone()[0] == 0
    assert_every_page_works(app)


# --- 3. identity: one response id, whatever its case --------------------------------------------


def test_an_upper_case_id_and_its_lower_case_twin_are_one_response(app, tmp_path):
    tablet = Tablet(app)
    body = payload()
    upper = {**body, "id": body["id"].upper()}
    assert tablet.post(upper).status_code == 201
    assert tablet.post(body).status_code == 200  # a replay, not a second response
    db = database(app)
    assert counts(app)["responses"] == 1
    assert store.get_response(db, body["id"]) is not None  # stored in canonical lower case
    exported = tmp_path / "all.csv"
    assert run_cli(app, "export", "--format", "csv", "-o", str(exported)).exit_code == 0
    text = exported.read_text(encoding="utf-8").replace(body["id"], body["id"].upper())
    again = run_cli(app, "import", write(tmp_path, text))
    assert again.exit_code == 0, again.output
    assert counts(app)["responses"] == 1  # export -> import adds no copies


# --- 4. one safe-redirect helper for every `next` -----------------------------------------------

HOSTILE_NEXT = [
    "/%09/evil.example",  # a tab: browsers drop it and read //evil.example
    "/%0a/x",  # a newline: gave a 500 after a good login
    "/%0d%0aSet-Cookie:x=1",
    "//evil.example",
    "/%5Cevil.example",  # /\evil.example: browsers read \ as /
    "https://evil.example/",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
]


def assert_stays_on_site(answer) -> None:
    assert answer.status_code == 302, answer.status_code
    location = answer.headers["Location"]
    assert location.startswith("/") and not location.startswith("//"), location
    assert not re.search(r"[\x00-\x1f\\]", location), location


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_next_never_leaves_the_site(app, target):
    CoordinatorActions(app, app.test_client()).create()
    client = app.test_client()
    answer = client.post(
        f"/coordinator/login?next={target}",
        data={"username": "anna", "password": "correct horse battery"},
    )
    assert_stays_on_site(answer)
    assert client.get(answer.headers["Location"]).status_code in (200, 404)


@pytest.mark.parametrize("target", [t.replace("%09", "\t").replace("%0a", "\n") for t in HOSTILE_NEXT])  # fmt: skip
def test_every_other_next_goes_through_the_same_check(app, admin, target):
    assert_stays_on_site(admin.post(f"/coordinator/language?next={target}", data={"lang": "en"}))
    with app.app_context():
        from survey.db import get_db

        store.save_response(get_db(), {"id": str(uuid.uuid4()), "submitted_at": "2021-03-02T10:00:00Z",
                                       "language": "en", "desks": '["ind"]', "tablet": "t",
                                       "source": "test", "fingerprint": "f"}, [],
                            comments=[{"desk_id": None, "question_id": "better", "text": "Fine.",
                                       "redactions": 0, "language": "en", "polarity": 0.1,
                                       "subjectivity": 0.1, "label": "neutral"}])  # fmt: skip
    cid = database(app).execute("select max(id) from comments").fetchone()[0]
    assert_stays_on_site(admin.post(f"/coordinator/quotes/{cid}", data={"action": "select", "next": target}))  # fmt: skip
    alert = {"desk": "", "percent": "20", "days": "7", "min_n": "5", "next": target}
    assert_stays_on_site(admin.post("/coordinator/alerts", data=alert))


# --- 7. one armed visit, one survey, however close together two arrive ---------------------------


def test_two_surveys_racing_for_one_armed_visit_store_one(app):
    tablet = Tablet(app, "Armed", mode="armed")
    db = database(app)
    row = tablet.tablet_row()
    visit = store.arm_visit(db, row["id"], "ind", "biometrics", "clerk")
    questionnaire = app.extensions["survey"]
    first = validate(payload(visit_id=visit), questionnaire, ["ind"])
    second = validate(payload(visit_id=visit), questionnaire, ["ind"])
    # Both pass admission before either is written: the race the review won 5 times in 8.
    admit(db, row, first, 0)
    admit(db, row, second, 0)
    assert record(db, first, "Armed", "api", row["id"]) == store.CREATED
    with pytest.raises(SubmissionErrors) as refused:
        record(db, second, "Armed", "api", row["id"])
    assert refused.value.errors[0]["field"] == "visit_id"
    assert counts(app)["responses"] == 1
    assert store.get_response(db, second.id) is None


def test_two_threads_racing_for_one_armed_visit_store_one(app):
    tablet = Tablet(app, "Armed", mode="armed")
    row = tablet.tablet_row()
    visit = store.arm_visit(database(app), row["id"], "ind", "biometrics", "clerk")
    barrier = threading.Barrier(2)
    statuses = []

    def send():
        client = app.test_client()
        client.set_cookie("survey_tablet", tablet.client.get_cookie("survey_tablet").value)
        barrier.wait()
        statuses.append(
            client.post(
                "/api/v1/responses",
                json=payload(visit_id=visit),
                headers={"X-CSRFToken": tablet.token},
            ).status_code  # fmt: skip
        )

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 422]
    assert counts(app)["responses"] == 1 and counts(app)["visits_used"] == 1


# --- 10. control and bidi characters never get in -----------------------------------------------

HOSTILE_TEXT = "ok \x1b[31mred\x1b[0m \u202eevil\u202c\x00 bell\x07 \u2066iso\u2069 done"
CLEANED = "ok red evil bell iso done"


def assert_clean(value: str) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", value), repr(value)  # fmt: skip


def test_api_and_kiosk_form_comments_lose_control_and_bidi_characters(app, tmp_path):
    tablet = Tablet(app)
    body = payload(answers=[{"question": "better", "desk": None, "text": HOSTILE_TEXT}])
    assert tablet.post(body).status_code == 201
    rid, done = kiosk_form_survey(tablet, {"d_ind_q_front_desk_staff": "4"}, {"q_better": HOSTILE_TEXT})  # fmt: skip
    assert done.status_code == 302
    db = database(app)
    texts = [c["text"] for r in (body["id"], rid) for c in store.get_response(db, r)["comments"]]
    assert texts == [CLEANED, CLEANED]
    for fmt in ("csv", "json"):
        out = tmp_path / f"c.{fmt}"
        assert run_cli(app, "export", "--comments", "--format", fmt, "-o", str(out)).exit_code == 0
        assert_clean(out.read_text(encoding="utf-8").replace("\r\n", "\n"))
    admin = app.test_client()
    CoordinatorActions(app, admin).login("root", role="admin")
    assert CLEANED in admin.get("/coordinator/quotes").text
    assert_every_page_works(app)


def test_imported_labels_and_texts_lose_control_characters(app, tmp_path):
    rid = str(uuid.uuid4())
    row = f"{rid},2021-06-30T10:00:00Z,ind,front_desk_staff,4,en,Paper\x00forms\u202e\n"
    assert run_cli(app, "import", write(tmp_path, RATINGS_HEADER + row)).exit_code == 0
    assert store.get_response(database(app), rid)["tablet"] == "Paperforms"
    assert_every_page_works(app)


def test_coordinator_forms_and_cli_names_lose_control_characters(app, admin):
    note = {"note-starts_on": "2021-01-01", "note-ends_on": "2021-01-31", "note-desk": "",
            "note-text": "Closed \u202efor works\x1b[2J"}  # fmt: skip
    assert admin.post("/coordinator/notes", data=note).status_code == 302
    db = database(app)
    assert db.execute("select text from notes").fetchone()[0] == "Closed for works"
    assert run_cli(app, "tablet", "add", "Desk\x1b[2J 1\u202e", "--desk", "ind").exit_code == 0
    assert store.get_tablet_by_name(db, "Desk 1") is not None
    result = run_cli(app, "user", "add", "\x00\x1b", input="long enough pw\n" * 2)
    one_line_error(result, "1-100 characters")
    assert_every_page_works(app)


# --- 11. a quote edit may shorten, never reverse ------------------------------------------------

COMPLAINT = (
    "The clerk was not friendly at all and I would never recommend this desk. The hall is nice."
)


@pytest.mark.parametrize(
    "edit, saved",
    [
        ("The clerk was friendly and I would recommend this desk.", False),
        ("The clerk was [redacted] friendly at all and I would never recommend this desk.", False),
        ("I would recommend this desk. The hall is nice.", False),
        ("The hall is nice.", True),  # a whole sentence removed
        ("The clerk was not friendly at all.", True),  # a whole clause removed
        ("The [redacted] was not friendly at all and I would never recommend this desk.", True),
    ],
)
def test_a_quote_edit_that_drops_a_negation_is_refused(app, admin, edit, saved):
    tablet = Tablet(app)
    tablet.post(payload(answers=[{"question": "better", "desk": None, "text": COMPLAINT}]))
    cid = database(app).execute("select id from comments").fetchone()[0]
    answer = admin.post(f"/coordinator/quotes/{cid}", data={"action": "edit", "text": edit}, follow_redirects=True)  # fmt: skip
    stored = store.get_comment(database(app), cid)["text"]
    assert stored == (edit if saved else COMPLAINT)
    if not saved:
        assert "negation" in answer.text or "only shorten" in answer.text
    assert_every_page_works(app)


# --- 12. honest failures -----------------------------------------------------------------------


def locked(app):
    """Another connection holding the write lock, as a stuck writer or a full disk would."""
    blocker = database(app)
    blocker.execute("pragma busy_timeout = 0")
    blocker.conn.execute("begin immediate")
    return blocker


def test_healthz_says_unavailable_when_the_database_takes_no_writes(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    assert app.test_client().get("/healthz").status_code == 200
    with app.app_context():
        from survey.db import get_db

        get_db().execute("pragma busy_timeout = 50")  # the probe need not wait 5 s here
    blocker = locked(app)
    try:
        answer = app.test_client().get("/healthz")
    finally:
        blocker.conn.rollback()
    assert answer.status_code == 503 and answer.json["status"] == "database unavailable"
    assert app.test_client().get("/healthz").status_code == 200


def test_the_no_javascript_form_says_not_sent_and_keeps_the_answers(app):
    tablet = Tablet(app)
    with app.app_context():
        from survey.db import get_db

        get_db().execute("pragma busy_timeout = 50")
    html = tablet.client.get("/en/survey").text
    step2 = post_step(tablet.client, "/en/survey", html, {"d_ind_q_front_desk_staff": "4"}, "next")
    blocker = locked(app)
    try:
        answer = post_step(tablet.client, "/en/survey", step2.text, {"q_better": "Kept here."}, "submit")  # fmt: skip
    finally:
        blocker.conn.rollback()
    assert answer.status_code == 503
    assert "Your answers were not sent" in answer.text and "lost" not in answer.text
    assert "Kept here." in answer.text  # still on the page, ready to send again
    assert counts(app)["responses"] == 0
    again = post_step(tablet.client, "/en/survey", answer.text, {}, "submit")
    assert again.status_code == 302 and counts(app)["responses"] == 1


def test_backup_reports_what_the_backup_holds(app, tmp_path):
    tablet = Tablet(app)
    for _ in range(2):
        tablet.post(payload())
    target = tmp_path / "b.sqlite3"
    result = run_cli(app, "backup", str(target))
    assert f"Backed up {store.responses_in_file(str(target))} responses" in result.output
    assert store.responses_in_file(str(target)) == 2


# --- 13. files and residue ---------------------------------------------------------------------


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_wal_shm_and_backups_are_private(app, tmp_path):
    tablet = Tablet(app)
    tablet.post(payload())
    path = app.config["DATABASE"]
    for name in (path, f"{path}-wal", f"{path}-shm"):
        assert mode(name) == 0o600, name
    backup = tmp_path / "b.sqlite3"
    run_cli(app, "backup", str(backup))
    assert mode(backup) == 0o600


def test_a_world_readable_database_is_made_private_at_start(make_app, app):
    path = app.config["DATABASE"]
    os.chmod(path, 0o644)
    make_app()
    assert mode(path) == 0o600


def test_purged_text_leaves_no_trace_in_the_files(make_app):
    app = make_app(RETENTION_MONTHS=1)
    tablet = Tablet(app)
    marker = "Zanzibarquokka unforgettable remark"
    tablet.post(payload(answers=[{"question": "better", "desk": None, "text": marker}],
                        submitted_at="2021-01-01T10:00:00Z"))  # fmt: skip
    path = app.config["DATABASE"]
    files = (path, f"{path}-wal")
    assert any(marker.encode() in Path(name).read_bytes() for name in files)  # it was on disk
    assert run_cli(app, "purge").exit_code == 0
    for name in files:
        if os.path.exists(name):
            assert marker.encode() not in Path(name).read_bytes(), name


@pytest.mark.parametrize(
    "row",
    [
        '"{rid}"x,2021-06-30T10:00:00Z,ind,front_desk_staff,4,en,\n',  # text after a closing quote
        '{rid},2021-06-30T10:00:00Z,ind,front_desk_staff,4,en,"unterminated\n',
    ],
)
def test_import_refuses_malformed_quoting_with_its_line(app, tmp_path, row):
    text = RATINGS_HEADER + f"{uuid.uuid4()},2021-06-30T10:00:00Z,ind,front_desk_staff,4,en,\n"
    result = run_cli(app, "import", write(tmp_path, text + row.format(rid=uuid.uuid4())))
    one_line_error(result, "line 3")
    assert counts(app)["responses"] == 0


def test_coordinator_pages_exports_and_read_api_are_never_cached(app, admin):
    for page in coordinator_pages(app) + ["/coordinator/exports?fmt=csv", "/coordinator/login"]:
        assert admin.get(page).headers.get("Cache-Control") == "no-store", page
    token = run_cli(app, "token", "add", "bi").output.strip().splitlines()[-1]
    answer = app.test_client().get("/api/v1/summary", headers={"Authorization": f"Bearer {token}"})
    assert answer.headers["Cache-Control"] == "no-store"


def test_hsts_only_when_the_cookies_are_https_only(make_app):
    plain = make_app().test_client().get("/coordinator/login")
    assert "Strict-Transport-Security" not in plain.headers
    secure = make_app(SESSION_COOKIE_SECURE=True).test_client().get("/coordinator/login")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_the_json_shapes_stay_stable_after_all_this(app):
    tablet = Tablet(app)
    answer = tablet.post(payload())
    assert answer.status_code == 201 and set(answer.json) == {"id", "status"}
    assert json.loads(answer.text)["status"] == "created"


# --- 8 (server side). a survey queued before a question was removed keeps its answers ----------


def test_answers_to_a_question_removed_from_the_yaml_are_stored(make_app, tmp_path):
    import yaml

    from .helpers import QUESTIONS

    app = make_app()
    tablet = Tablet(app)
    spec = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    spec["questions"] = [q for q in spec["questions"] if q["id"] not in ("better", "service")]
    reduced = tmp_path / "questions.yaml"
    reduced.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    later = make_app(QUESTIONS_FILE=str(reduced))  # the same database, the question retired
    assert later.extensions["survey"].question("better") is None
    client = later.test_client()  # the same tablet, talking to the server with the new yaml
    client.set_cookie("survey_tablet", tablet.client.get_cookie("survey_tablet").value)
    queued = payload()  # answers "better" (text) and "service" (a choice), as queued before
    assert client.post("/api/v1/responses", json=queued).status_code == 201
    stored = store.get_response(database(later), queued["id"])
    assert [c["question_id"] for c in stored["comments"]] == ["better"]
    assert [(c["question_id"], c["value"]) for c in stored["choices"]] == [
        ("service", "biometrics")
    ]
    wrong = payload(choices=[{"question": "service", "desk": "ind", "value": "no-such-option"}])
    answer = client.post("/api/v1/responses", json=wrong)
    assert answer.status_code == 422  # a retired question still checks its options
    assert answer.json["errors"][0]["field"] == "choices[0].value"
    assert_every_page_works(later)
