"""Online backup, backup checks and restore of the database file."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from .schema import migrate


def backup(db: Database, path: str) -> None:
    """A consistent copy of the live database at `path` (SQLite's online backup API).

    The copy is made under one read transaction, so tablets keep writing meanwhile (WAL).
    """
    target = sqlite3.connect(path)
    try:
        db.conn.backup(target)
        # A backup is one self-contained file: no -wal beside it to lose when copying it.
        target.execute("pragma journal_mode = delete")
    finally:
        target.close()


def check_backup(path: str) -> str | None:
    """What is wrong with a backup file, or None when it is an intact survey database."""
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return f"cannot open it: {error}"
    try:
        tables = {row[0] for row in source.execute("select name from sqlite_master")}
        if not {"responses", "ratings", "tablets"} <= tables:
            return "it is not a survey database"
        result = source.execute("pragma quick_check").fetchone()[0]
        return None if result == "ok" else f"it is damaged: {result}"
    except sqlite3.DatabaseError as error:
        return f"it is not a SQLite database ({error})"
    finally:
        source.close()


def restore(db: Database, path: str) -> None:
    """Replace the whole content of `db` with the backup at `path`, then bring its schema up."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(db.conn)
    finally:
        source.close()
    migrate(db)


def responses_in_file(path: str) -> int:
    """How many responses the database file at `path` holds (a backup just written)."""
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return copy.execute("select count(*) from responses").fetchone()[0]
    finally:
        copy.close()
