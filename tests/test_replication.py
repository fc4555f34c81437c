"""Continuous replication with Litestream through the real server: load, SIGKILL the app, lose
the database, restore from the replica: every acknowledged survey is there."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from survey import replication

from .helpers import instance_env
from .helpers.load import SURVEY, Server, pair, prepare, problems, run_load, verify


def children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@pytest.fixture
def replicated(tmp_path):
    """A server running under Litestream with a file replica; the replica's URL."""
    instance = tmp_path / "instance"
    url = f"file://{tmp_path / 'replica'}"
    _env, links = prepare(instance, 2)
    server = Server(instance, workers=2)
    server.env["REPLICA_URL"] = url
    server.start()
    server.creds = [pair(server.base, link) for link in links]
    server.database = instance / "survey.sqlite3"
    yield server, url
    server.stop()


def test_litestream_is_installed_with_the_test_extra():
    assert Path(replication.binary()).name == "litestream"


def test_a_lost_database_comes_back_from_the_replica_with_every_acknowledged_survey(replicated):
    server, url = replicated
    litestream = server.process.pid
    app_master = children(litestream)
    assert len(app_master) == 1  # `survey serve` runs as Litestream's child
    tally, ids, _ = run_load(server, server.creds, 300, processes=1)
    assert tally.statuses == {201: 300}
    before = verify(server.database, ids, tally)
    assert problems(before) == [] and before["stored"] == 300

    # A crash of the app: SIGKILL its master and workers. Litestream, left alone, syncs the
    # last committed frames and exits with its child.
    workers = children(app_master[0])
    for pid in [app_master[0], *workers]:
        os.kill(pid, signal.SIGKILL)
    server.process.wait(timeout=60)

    # The disk dies: the database, its WAL and shared memory are gone.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{server.database}{suffix}").unlink(missing_ok=True)
    env = {**instance_env(server.database.parent), "REPLICA_URL": url}
    subprocess.run([SURVEY, "init"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [SURVEY, "restore", "--from-replica"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Restored 300 responses" in done.stdout
    after = verify(server.database, ids, tally)
    assert problems(after) == [] and after["stored"] == 300 and after["ratings"] == 900
    copy = sqlite3.connect(server.database)
    assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_restore_at_a_time_brings_back_the_state_of_that_moment(replicated):
    server, url = replicated
    first, first_ids, _ = run_load(server, server.creds, 10, processes=1)
    time.sleep(4)  # the replica syncs every second: the two batches land in separate syncs
    moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    time.sleep(4)
    second, _, _ = run_load(server, server.creds, 10, processes=1)
    assert first.statuses == second.statuses == {201: 10}
    server.stop()
    env = {**instance_env(server.database.parent), "REPLICA_URL": url}
    then = subprocess.run(
        [SURVEY, "restore", "--from-replica", "--at", moment, "--force"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert then.returncode == 0, then.stderr
    assert "Restored 10 responses" in then.stdout
    assert verify(server.database, first_ids, first)["stored"] == 10
    latest = subprocess.run(
        [SURVEY, "restore", "--from-replica", "--force"], env=env, capture_output=True, text=True
    )
    assert "Restored 20 responses" in latest.stdout, latest.stderr


def test_restore_without_a_replica_is_one_line(tmp_path):
    env = instance_env(tmp_path / "instance")
    env.pop("REPLICA_URL", None)
    subprocess.run([SURVEY, "init"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [SURVEY, "restore", "--from-replica"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: no replica: set REPLICA_URL (see docs/replication.md)"
    wrong = subprocess.run(
        [SURVEY, "restore", "--from-replica", "--at", "1970-01-01T00:00:00Z"],
        env={**env, "REPLICA_URL": f"file://{tmp_path / 'replica'}"},
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "outside the plausible range" in wrong.stderr
