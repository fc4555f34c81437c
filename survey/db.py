"""One long-lived SQLite connection per worker thread.

flaskr opens a connection per request; closing the last connection to a WAL database checkpoints
it, which costs a large share of submission throughput (`python -m bench`, "1 submit"). So each
thread keeps its own `Database`, keyed by process (a forked worker never reuses its parent's)
and by file (tests run many apps in one thread).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time

from flask import after_this_request, current_app
from sqlite_utils import Database

from . import store

_local = threading.local()
log = logging.getLogger(__name__)

# Databases a thread of this process keeps up (files answers, checkpoints the WAL): (pid, path).
_kept_up: set[tuple[int, str]] = set()
UPKEEP_SECONDS = 0.2


def connect(path: str) -> Database:
    """A new configured connection (for start-up work and CLI commands)."""
    return store.configure(Database(path))


def restrict_mode(path: str) -> None:
    """Make an existing database and its -wal/-shm readable by this account only (0600).

    Files made before umask 077 was set (0644) would otherwise stay world-readable.
    """
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name) and os.stat(name).st_mode & 0o077:
            os.chmod(name, 0o600)


def _key() -> tuple[int, str]:
    """(this process, the current app's database): a forked worker never reuses its parent's."""
    return os.getpid(), current_app.config["DATABASE"]


def get_db() -> Database:
    """This thread's connection to the current app's database."""
    key = _key()
    cache = _local.__dict__.setdefault("connections", {})
    db = cache.get(key)
    if db is None:
        db = cache[key] = connect(key[1])
        if key in _kept_up:
            store.stop_commit_checkpoints(db)
            store.file_answers_later(db)
        else:  # a CLI command, say: it reads every survey's answers
            file_pending_answers(db)
    return db


def file_pending_answers(db: Database | None = None) -> None:
    """File the answers that surveys left waiting (store.file_pending), before reading answers.

    A read-only or full database is read as it stands, and answers the tables refuse stay
    where they are: either way the answers stay safe in their surveys, and the log says so.
    """
    db = db if db is not None else get_db()
    try:
        store.file_pending(db)
    except store.AnswersNotFiled as refused:
        log.error("%s: %s", refused, ", ".join(refused.ids))
    except sqlite3.OperationalError as error:
        log.warning("answers left waiting: %s", error)


# A served worker files the waiting answers itself after every FILE_EVERY surveys it stored,
# once the client has its answer: then the batch makes no client wait for it, where a thread
# filing beside the requests made one survey in a hundred wait 20 ms more (`python -m bench`).
FILE_EVERY = 20
_stored_since_filing: dict[tuple[int, str], int] = {}
# When requests last filed: the upkeep thread leaves filing to them while they do.
_filed_by_requests_at: dict[tuple[int, str], float] = {}


def file_after_answering() -> None:
    """Call in a request that stored a survey: in a served worker, every FILE_EVERY surveys,
    file the waiting answers once the response has been sent."""
    key = _key()
    if key not in _kept_up:
        return
    stored = _stored_since_filing.get(key, 0) + 1
    _stored_since_filing[key] = 0 if stored >= FILE_EVERY else stored
    if stored < FILE_EVERY:
        return
    db = get_db()
    _filed_by_requests_at[key] = time.monotonic()

    @after_this_request
    def file_once_sent(response):
        response.call_on_close(lambda: file_pending_answers(db))
        return response


def upkeep_in_background(
    path: str, every: float = UPKEEP_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    """File waiting answers and checkpoint `path`'s WAL from a thread of this process, every
    `every` seconds until `stop` is set; from now on this process's request connections leave
    both to it.

    For a server worker (survey/serve.py): a client's survey is then one row in the writers'
    turn (store/responses.py), and the fsync of a checkpoint delays nobody (store/wal.py). A
    thread, not the gunicorn master: a process that forks must hold no SQLite connection in use.
    """
    stop = stop or threading.Event()
    key = (os.getpid(), path)
    _kept_up.add(key)

    def run() -> None:
        db = connect(path)
        try:
            while not stop.wait(every):
                try:
                    if time.monotonic() - _filed_by_requests_at.get(key, 0) > 2 * every:
                        file_pending_answers(db)  # what the last few surveys left waiting
                    store.checkpoint(db)
                except Exception:  # a full disk, say: the next round tries again
                    log.exception("upkeep of %s failed", path)
        finally:
            _kept_up.discard(key)
            file_pending_answers(db)  # what this worker's last surveys left waiting
            db.close()

    thread = threading.Thread(target=run, name="survey-upkeep", daemon=True)
    thread.start()
    return thread


def end_request(exception: BaseException | None = None) -> None:
    """Never leave a transaction open on the shared connection after a failed request."""
    db = _local.__dict__.get("connections", {}).get(_key())
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def close(path: str) -> None:
    """Close this thread's connection to `path` (tests, backups, restore)."""
    db = _local.__dict__.get("connections", {}).pop((os.getpid(), path), None)
    if db is not None:
        db.close()
