"""Writers take turns on an OS lock, and a served worker's checkpoints leave its requests."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

from survey import db, store
from survey.store.wal import turn_file

from .helpers import payload

HOLD_A_TURN = """
import sys, time
from survey import db, store
with store.turn(db.connect(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(120)
"""


RESPONSE = {
    "submitted_at": "2026-12-01T10:00:00Z",
    "language": "en",
    "desks": '["ind"]',
    "tablet": None,
    "source": "api",
    "fingerprint": "f",
}


def try_turn(path) -> bool:
    """Whether a turn on `path` is free right now (taken and given back at once)."""
    handle = os.open(turn_file(path), os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(handle)


def test_a_writer_waits_for_a_turn_and_a_killed_one_gives_it_back(app):
    path = app.config["DATABASE"]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_TURN, path], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert not try_turn(path)
        stored = []

        def write():
            with db.connect(path) as connection:
                response = {**RESPONSE, "id": payload()["id"]}
                ratings = [("ind", "front_desk_staff", 5)]
                stored.append(store.save_response(connection, response, ratings))

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.5)
        assert writer.is_alive() and not stored  # it waits for its turn
        holder.kill()  # SIGKILL in the middle of a turn: the kernel gives the turn back
        writer.join(30)
        assert stored == [store.CREATED]
        assert try_turn(path)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def fill(connection, pages: int) -> None:
    """Commit about `pages` pages of rows in one transaction."""
    with connection.atomic():
        connection.execute("create table if not exists filler (x)")
        connection.conn.executemany(
            "insert into filler values (?)", [("x" * 3000,) for _ in range(pages)]
        )


def test_a_commit_checkpoints_unless_the_connection_leaves_it_to_a_thread(app):
    path = app.config["DATABASE"]
    checkpointing = db.connect(path)
    size = os.path.getsize(path)
    fill(checkpointing, 1500)  # past SQLite's 1,000 pages: this commit copies them over
    assert os.path.getsize(path) > size

    quiet = db.connect(path)
    store.stop_commit_checkpoints(quiet)
    size = os.path.getsize(path)
    fill(quiet, 1500)
    assert os.path.getsize(path) == size  # everything waits in the WAL
    checkpointing.close()
    quiet.close()


def test_a_served_worker_checkpoints_from_a_thread_until_stopped(app):
    path = app.config["DATABASE"]
    stop = threading.Event()
    thread = db.upkeep_in_background(path, every=0.05, stop=stop)
    try:
        db.close(path)  # the worker's request connection is made after the thread starts
        with app.app_context():
            request_connection = db.get_db()
            assert request_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
            size = os.path.getsize(path)
            fill(request_connection, 1500)
        deadline = time.monotonic() + 30
        while os.path.getsize(path) == size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.path.getsize(path) > size  # the thread copied the pages over
    finally:
        stop.set()
        thread.join(10)
        db.close(path)
    assert not thread.is_alive()
    with app.app_context():  # with nobody checkpointing, commits do it again
        assert db.get_db().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_the_wal_starts_over_while_writers_never_pause(app):
    path = app.config["DATABASE"]
    keeper = db.connect(path)  # the last connection to close would delete the WAL
    keeper.execute("create table filler (x)")
    stop = threading.Event()
    checkpointer = db.upkeep_in_background(path, every=0.02, stop=stop)

    def write():  # one worker: a commit after the other, each on its turn
        with db.connect(path) as connection:
            store.stop_commit_checkpoints(connection)
            for _ in range(6000):
                with store.turn(connection), connection.atomic():
                    connection.execute("insert into filler values (?)", ["x" * 2000])

    writers = [threading.Thread(target=write) for _ in range(2)]
    try:
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(120)
    finally:
        stop.set()
        checkpointer.join(10)
    # 12,000 commits of a page or two: about 100 MB of WAL if it never started over.
    assert os.path.getsize(f"{path}-wal") < 20_000_000
    keeper.close()
