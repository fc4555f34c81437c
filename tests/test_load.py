"""A small load through the real server (`survey serve`), then a SIGKILL mid-load and replays.

The same code as bench/load.py (tests/helpers/load.py) at a tenth of the size: 8 tablets x 100 submissions from client
threads in this process (the server runs in its own processes). No timing assertions.
"""

from __future__ import annotations

import sqlite3

import pytest

from .helpers import instance_env
from .helpers.load import SURVEY, Server, pair, prepare, problems, run_load, verify


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module: each test checks only the ids it sent."""
    instance = tmp_path_factory.mktemp("load") / "instance"
    _env, links = prepare(instance, 8)
    running = Server(instance, workers=2)
    running.start()
    running.creds = [pair(running.base, link) for link in links]  # pairing links work once
    running.database = instance / "survey.sqlite3"
    yield running
    running.stop()


def test_8_tablets_send_800_surveys_none_lost_none_duplicated(server):
    creds = server.creds
    tally, ids, _seconds = run_load(server, creds, 800, processes=1)
    found = verify(server.database, ids, tally)
    assert problems(found) == [], found
    assert tally.statuses == {201: 800}
    assert found["stored"] == 800 and found["ratings"] == 2400


def test_sigkill_mid_load_loses_no_acknowledged_survey_and_replays_finish(server):
    creds = server.creds
    tally, ids, _seconds = run_load(server, creds, 800, processes=1, kill_after=250)
    found = verify(server.database, ids, tally)
    # Every id acknowledged before or after the crash is stored, exactly once.
    assert problems(found) == [], found
    assert found["stored"] == 800
    assert sum(n for status, n in tally.statuses.items() if status >= 500) == 0
    # The same tablet credentials still work after the restart (nothing lived in the process).
    assert tally.connection_errors >= 1  # the crash really happened mid-load


def test_a_backup_taken_during_load_is_consistent(server, tmp_path):
    import subprocess
    import threading

    creds = server.creds
    target = tmp_path / "during.sqlite3"
    done = {}

    def backup():
        done["result"] = subprocess.run(
            [SURVEY, "backup", str(target)],
            env=instance_env(server.database.parent),
            capture_output=True,
            text=True,
        )

    load = threading.Thread(target=lambda: done.update(run=run_load(server, creds, 400, 1)))
    load.start()
    backup()
    load.join()
    assert done["result"].returncode == 0, done["result"].stderr
    copy = sqlite3.connect(target)
    assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"
    # Each survey in the copy is whole: all three ratings or none of them.
    partial = copy.execute(
        "select count(*) from (select response_id from ratings group by response_id"
        " having count(*) != 3)"
    ).fetchone()[0]
    assert partial == 0
    tally, ids, _ = done["run"]
    assert problems(verify(server.database, ids, tally)) == []


def test_the_real_server_answers_bad_input_with_4xx_and_stays_up(server):
    import http.client
    import os

    creds = server.creds[0]
    headers = {
        "Content-Type": "application/json",
        "Cookie": creds.cookie,
        "X-CSRFToken": creds.csrf,
    }
    bodies = [os.urandom(4096), b"[" * 100_000, b"{" * 70_000, b'{"id": "\xc3\x28"}', b"\x00" * 10]
    answers = []
    for body in bodies:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("POST", "/api/v1/responses", body, headers)
        answer = connection.getresponse()
        answers.append((answer.status, answer.getheader("Content-Type")))
        answer.read()
        connection.close()
    assert [status for status, _ in answers] == [422, 413, 413, 422, 422]
    assert all(kind == "application/json" for _, kind in answers)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/healthz")
    assert connection.getresponse().status == 200
