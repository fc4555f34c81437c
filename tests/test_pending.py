"""Under `survey serve` a survey's answers wait in its row and are filed in batches; every reader
of answers (coordinator pages, the read API, the CLI) sees them all the same."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from survey import db, store

from .helpers import (
    Tablet,
    database,
    hidden,
    instance_env,
    login,
    pair,
    payload,
    post_step,
    run_cli,
    start_survey,
)
from .helpers.load import SURVEY

ANSWER_TABLES = ("ratings", "choices", "comments")
RATING_3 = {"desk": "ind", "question": "front_desk_staff", "value": 3}
RATINGS = [("ind", "front_desk_staff", 5), ("ind", "clarity_written_info", 2)]
CHOICES = [("ind", "service", "biometrics")]
COMMENTS = [{"desk_id": None, "question_id": "better", "text": "Call [phone]", "redactions": 1,
             "language": "en"}]  # fmt: skip


def answers(connection, response_id):
    """A survey's stored answers, without the ids that differ from one survey to the next."""
    found = {}
    for table in ANSWER_TABLES:
        rows = connection.execute(
            f"select * from {table} where response_id = ? order by id", [response_id]
        )
        names = [c[0] for c in rows.description]
        found[table] = [
            {k: v for k, v in zip(names, row, strict=True) if k not in ("id", "response_id")}
            for row in rows
        ]
    return found


def save(connection, fingerprint="f", comments=COMMENTS, at="2026-11-30T10:00:00Z"):
    response = {
        "id": str(uuid.uuid4()),
        "submitted_at": at,
        "language": "en",
        "desks": '["ind"]',
        "tablet": "IND desk 1",
        "source": "api",
        "fingerprint": fingerprint,
    }
    outcome = store.save_response(connection, response, RATINGS, CHOICES, comments)
    return response["id"], outcome


def test_a_waiting_survey_is_filed_exactly_as_a_survey_stored_at_once(app):
    later = database(app)
    store.file_answers_later(later)
    now = database(app)
    waiting, outcome = save(later)
    assert outcome == store.CREATED
    assert store.has_pending(now)
    assert all(rows == [] for rows in answers(now, waiting).values())
    stored, _ = save(now)
    assert store.file_pending(now) == 1
    assert not store.has_pending(now)
    assert answers(now, waiting) == answers(now, stored)
    assert answers(now, stored)["comments"][0]["text"] == "Call [phone]"
    assert len(answers(now, stored)["ratings"]) == 2
    assert store.file_pending(now) == 0  # nothing is filed twice


def test_replays_and_conflicts_are_told_apart_while_the_answers_wait(app):
    later = database(app)
    store.file_answers_later(later)
    waiting, _ = save(later, fingerprint="same")
    response = {"id": waiting, "submitted_at": "2026-11-30T10:00:05Z", "language": "en",
                "desks": '["ind"]', "tablet": "IND desk 1", "source": "api"}  # fmt: skip
    again = store.save_response(later, {**response, "fingerprint": "same"}, RATINGS)
    other = store.save_response(later, {**response, "fingerprint": "other"}, RATINGS)
    assert (again, other) == (store.REPLAY, store.CONFLICT)
    assert store.file_pending(later) == 1
    assert len(answers(later, waiting)["ratings"]) == 2  # the first survey's, once


def test_many_waiting_surveys_are_filed_in_batches_oldest_first(app):
    later = database(app)
    store.file_answers_later(later)
    ids = [save(later)[0] for _ in range(7)]
    assert store.file_pending(database(app), batch=3) == 7
    rows = later.execute("select response_id from ratings order by id").fetchall()
    assert [r[0] for r in rows] == [i for i in ids for _ in RATINGS]


@pytest.fixture
def served(make_app):
    """An app whose worker files answers later, as under `survey serve`; its filing thread waits
    an hour between rounds, so only the readers file anything."""
    app = make_app(WTF_CSRF_ENABLED=True)
    path = app.config["DATABASE"]
    stop = threading.Event()
    thread = db.upkeep_in_background(path, every=3600, stop=stop)
    db.close(path)  # the request connection is made after the thread started, as in a worker
    yield app
    stop.set()
    thread.join(10)
    db.close(path)


def waiting_surveys(app) -> int:
    check = database(app)
    found = check.execute("select count(*) from responses where pending is not null").fetchone()[0]
    check.close()
    return found


def test_a_coordinator_page_and_the_read_api_count_the_surveys_whose_answers_wait(served):
    tablet = Tablet(served)
    for value in (1, 2):
        body = payload(ratings=[{"desk": "ind", "question": "front_desk_staff", "value": value}])
        assert tablet.post(body).status_code == 201
    assert waiting_surveys(served) == 2
    assert login(served).get("/coordinator/").status_code == 200
    assert waiting_surveys(served) == 0  # the page filed them before reading

    assert tablet.post(payload(ratings=[RATING_3])).status_code == 201
    assert waiting_surveys(served) == 1
    token = run_cli(served, "token", "add", "management").output.strip().splitlines()[-1]
    summary = served.test_client().get(
        "/api/v1/summary", headers={"Authorization": f"Bearer {token}"}
    )
    assert summary.status_code == 200
    ind = next(d for d in summary.json["desks"] if d["desk"] == "ind")
    staff = next(q for q in ind["questions"] if q["question"] == "front_desk_staff")
    assert staff["n"] == 3 and staff["mean"] == 2


def test_a_cli_command_counts_the_surveys_whose_answers_wait(served, tmp_path):
    tablet = Tablet(served)
    assert tablet.post(payload()).status_code == 201
    assert waiting_surveys(served) == 1
    out = tmp_path / "ratings.csv"
    env = instance_env(tmp_path / "instance")
    done = subprocess.run(
        [SURVEY, "export", "--format", "csv", "-o", str(out)], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 1 + 2  # the header and the survey's two ratings
    assert waiting_surveys(served) == 0


def test_the_filing_thread_files_within_its_round(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    path = app.config["DATABASE"]
    stop = threading.Event()
    thread = db.upkeep_in_background(path, every=0.05, stop=stop)
    db.close(path)
    try:
        assert Tablet(app).post(payload()).status_code == 201
        deadline = time.monotonic() + 30
        while waiting_surveys(app) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert waiting_surveys(app) == 0
    finally:
        stop.set()
        thread.join(10)
        db.close(path)
    check = database(app)
    assert check.execute("select count(*) from ratings").fetchone()[0] == 2


def test_a_survey_the_tables_refuse_waits_safely_and_the_others_are_filed(app, caplog):
    later = database(app)
    store.file_answers_later(later)
    ids = [save(later)[0] for _ in range(3)]
    broken = json.dumps([[[ids[1], "ind", "no_such_question", 5, "2026-11-30T10:00:00Z"]], [], []])
    later.execute("update responses set pending = ? where id = ?", [broken, ids[1]])
    with pytest.raises(store.AnswersNotFiled) as refused:
        store.file_pending(later, batch=2)
    assert refused.value.ids == [ids[1]]
    assert [len(answers(later, i)["ratings"]) for i in ids] == [2, 0, 2]
    assert later.execute("select id from responses where pending is not null").fetchall() == [
        (ids[1],)
    ]
    # A reader is not stopped by it: it reads what is filed, and the log names the survey.
    with app.app_context():
        db.file_pending_answers(later)
    assert ids[1] in caplog.text


def test_a_served_worker_files_after_every_few_surveys_once_the_client_has_its_answer(
    served, monkeypatch
):
    monkeypatch.setattr(db, "FILE_EVERY", 3)
    tablet = Tablet(served)
    for _ in range(2):
        assert tablet.post(payload()).status_code == 201
    assert waiting_surveys(served) == 2
    third = tablet.post(payload())
    assert third.status_code == 201 and third.json["status"] == "created"
    assert waiting_surveys(served) == 3  # not while the client still waits for its answer
    third.close()  # the server closes the response once it has sent it
    assert waiting_surveys(served) == 0
    assert tablet.post(payload()).status_code == 201
    assert waiting_surveys(served) == 1  # the count starts again


def file_bytes(name: str) -> bytes:
    """A file's bytes, read by another process: closing a descriptor of the database in this
    one would drop the SQLite locks its connections hold (POSIX locks are per process)."""
    if not os.path.exists(name):
        return b""
    return subprocess.run(["cat", name], capture_output=True, check=True).stdout


def test_purged_comments_that_waited_in_their_surveys_leave_no_trace(served):
    tablet = Tablet(served)
    markers = [f"Zanzibarquokka{i:02d}" for i in range(10)]
    for i, marker in enumerate(markers):  # rows of many sizes, so freed space lands all over
        answer = {"question": "better", "desk": None, "text": f"{marker} " + "remark " * 25 * i}
        body = payload(answers=[answer], submitted_at="2021-01-01T10:00:00Z")
        assert tablet.post(body).status_code == 201
    assert waiting_surveys(served) == 10
    path = served.config["DATABASE"]
    files = (path, f"{path}-wal")
    assert all(any(m.encode() in file_bytes(f) for f in files) for m in markers)
    purge = subprocess.run(
        [SURVEY, "purge", "--older-than", "1"],
        env=instance_env(Path(path).parent),
        capture_output=True,
        text=True,
    )
    assert purge.returncode == 0, purge.stderr
    assert "Deleted 10 comments" in purge.stdout
    for name in files:
        content = file_bytes(name)
        assert [m for m in markers if m.encode() in content] == [], name


def test_filing_leaves_no_copy_of_a_comment_in_its_survey_row(app):
    # Fails with PRAGMA secure_delete = OFF (some SQLite builds' default; this one's is ON).
    later = database(app)
    store.file_answers_later(later)
    markers = [f"Zanzibarquokka{i:02d}" for i in range(10)]
    for i, marker in enumerate(markers):
        text = f"{marker} " + "remark " * 25 * i
        comment = {**COMMENTS[0], "text": text}
        save(later, comments=[comment], at="2021-01-01T10:00:00Z")
    assert store.file_pending(later) == 10  # as a worker files what it stored
    assert store.purge_comments(database(app), "2022-01-01T00:00:00Z") == 10
    content = file_bytes(app.config["DATABASE"]) + file_bytes(app.config["DATABASE"] + "-wal")
    assert [m for m in markers if m.encode() in content] == []


def test_purge_files_waiting_comments_before_it_deletes(app):
    later = database(app)
    store.file_answers_later(later)
    waiting, _ = save(later)
    purged = store.purge_comments(later, "2027-01-01T00:00:00Z")
    assert purged == 1
    assert answers(later, waiting)["comments"] == []
    assert len(answers(later, waiting)["ratings"]) == 2  # ratings stay


def test_a_kiosk_form_survey_is_filed_once_its_thank_you_is_sent(served, monkeypatch):
    monkeypatch.setattr(db, "FILE_EVERY", 1)
    client = served.test_client()
    pair(served, client)
    html = start_survey(client, "/en/survey")
    response_id = hidden(html, "response_id")
    answers = {"d_ind_q_front_desk_staff": "5", "d_ind_q_clarity_written_info": "4"}
    step2 = post_step(client, "/en/survey", html, answers, "next")
    done = post_step(client, "/en/survey", step2.text, {"q_better": "Quick and kind."}, "submit")
    assert done.status_code == 302 and done.headers["Location"] == "/en/thanks"
    assert waiting_surveys(served) == 1  # stored, the client on its way to the thank-you
    done.close()
    assert waiting_surveys(served) == 0
    stored = store.get_response(database(served), response_id)
    assert sorted(r["value"] for r in stored["ratings"]) == [4, 5]
    assert [c["text"] for c in stored["comments"]] == ["Quick and kind."]
