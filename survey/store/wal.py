"""Writing under load: writers take turns on an OS lock, and checkpoints leave the requests.

Two gunicorn workers that write at once collide in SQLite, and SQLite lets the second one wait
by sleeping and retrying (1 ms, then 2, 5, 10 ...). Under load a quarter of all submissions
collided, and each collision left a core idle for a millisecond or more (`python -m bench`,
"1 submit"). `turn(db)` queues writers on flock(2) instead: the kernel wakes the next writer the
moment the lock is free, and drops the lock of a process that dies, so a killed worker never
blocks the others. SQLite's own locking stays in charge: a writer that takes no turn (the CLI,
a coordinator page) waits as before, and where no lock file can be made nobody takes turns.

SQLite also checkpoints the WAL inside the COMMIT that crosses 1,000 pages: an fsync of a few
milliseconds, paid by one client's survey while the other worker waits for its turn. Under
`survey serve` each worker's connections stop doing that (`stop_commit_checkpoints`) and a
thread beside the requests calls `checkpoint` several times a second instead (survey/db.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from sqlite_utils import Database

try:
    import fcntl
except ImportError:  # Windows: one waitress thread writes, there is nobody to take turns with
    fcntl = None


def database_path(db: Database) -> str:
    """The file behind the connection's main database; "" for a temporary or in-memory one."""
    path = db.__dict__.get("_survey_path")
    if path is None:
        rows = db.conn.execute("PRAGMA database_list").fetchall()
        path = db.__dict__["_survey_path"] = next((r[2] for r in rows if r[1] == "main"), "")
    return path


def turn_file(path: str) -> str:
    """The lock file writers to `path` take turns on (empty; made 0600 on first use)."""
    return f"{path}-writer"


@contextlib.contextmanager
def turn(db: Database) -> Iterator[None]:
    """Wait for this process's turn to write to `db`; the next writer's turn begins on exit."""
    path = database_path(db)
    handle = None
    if fcntl is not None and path:
        try:
            handle = os.open(turn_file(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:  # a read-only folder, say: SQLite's locking alone decides
            handle = None
    if handle is None:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the only descriptor releases the lock


def stop_commit_checkpoints(db: Database) -> None:
    """This connection's commits no longer checkpoint the WAL: `checkpoint` must run elsewhere."""
    db.execute("PRAGMA wal_autocheckpoint = 0")


# SQLite's own checkpoint size: a WAL that holds more has not started over since.
RESTART_FRAMES = 1000


def checkpoint(db: Database) -> int:
    """Copy committed pages from the WAL into the database; return the frames the WAL held.

    The copy waits for nobody (a passive checkpoint): writers go on meanwhile. But the WAL
    starts over from its beginning only when a writer finds every frame copied, and writers
    that never pause never do: the file grew by 100 MB a minute under load. So past
    RESTART_FRAMES a second copy takes the frames written during the first, and a third, on
    the writers' turn, the few written during the second (about a millisecond of waiting for
    the next survey); the next writer then starts the WAL over. A reader still using older
    pages keeps them in the WAL until a later call.
    """
    logged = _copy(db)
    if logged >= RESTART_FRAMES:
        _copy(db)
        with turn(db):
            _copy(db)
    return logged


def _copy(db: Database) -> int:
    """A passive checkpoint; the frames the WAL holds."""
    return db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
