"""Backup, restore (from a file or the replica) and purge of old free text."""

from __future__ import annotations

import os

import click
from flask import current_app

from .. import (
    clock,
    periods,
    replication,
    store,
)
from ..db import get_db
from .base import cli


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def backup_command(file):
    """Write a consistent copy of the database to FILE, safely while the app runs.

    Uses SQLite's online backup API; tablets keep submitting meanwhile.

    Example: survey backup /var/backups/survey-2021-06-30.sqlite3
    """
    partial = f"{file}.partial"
    if os.path.exists(partial):
        os.remove(partial)
    store.backup(get_db(), partial)
    os.replace(partial, file)
    count = store.responses_in_file(file)  # what the backup holds, not the live count
    store.audit(get_db(), "cli", "database.backup", os.path.abspath(file), {"responses": count})
    click.echo(f"Backed up {count} responses to {file}")


@cli.command("restore")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--from-replica", is_flag=True, help="Restore from REPLICA_URL (Litestream).")
@click.option("--at", "at", help="With --from-replica: the state at this time (ISO-8601, UTC).")
@click.option("--force", is_flag=True, help="Overwrite a database that already holds data.")
def restore_command(file, from_replica, at, force):
    """Replace the database with the backup in FILE, or with the replica (--from-replica).

    Stop `survey serve` first; refuses to overwrite data without --force. With --force, the
    current database is first saved beside itself as <database>.before-restore-<time>.

    Example: survey restore /var/backups/survey-2021-06-30.sqlite3 --force
    Example: survey restore --from-replica --at 2021-06-30T12:00:00Z
    """
    if bool(file) == from_replica:
        raise click.UsageError("give either a backup FILE or --from-replica")
    if at and not from_replica:
        raise click.UsageError("--at goes with --from-replica")
    target = current_app.config["DATABASE"]
    if from_replica:
        file = fetch_replica(target, at)
    try:
        restore_file(file, target, force)
    finally:
        if from_replica:
            remove_database_file(file)


def fetch_replica(target: str, at: str | None) -> str:
    """The replica's state (at `at`) as a new file beside the database; ClickException if not."""
    url = replication.replica_url(current_app.config)
    if not url:
        raise click.ClickException("no replica: set REPLICA_URL (see docs/replication.md)")
    moment = None
    if at:
        try:
            moment = clock.parse_timestamp(at)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--at") from None
    fetched = f"{target}.from-replica"
    remove_database_file(fetched)
    try:
        replication.restore(url, fetched, moment)
    except replication.ReplicationError as error:
        raise click.ClickException(str(error)) from None
    return fetched


def remove_database_file(path: str) -> None:
    """Remove a SQLite file and its -wal and -shm companions, where they exist."""
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name):
            os.remove(name)


def restore_file(file: str, target: str, force: bool) -> None:
    """Check the backup FILE and copy it over the database."""
    problem = store.check_backup(file)
    if problem:
        raise click.ClickException(f"{file} cannot be restored: {problem}")
    db = get_db()
    if os.path.abspath(file) == os.path.abspath(target):
        raise click.ClickException("that file is the database itself")
    if not store.is_empty(db):
        if not force:
            raise click.ClickException(
                f"{target} already holds data ({store.response_count(db)} responses);"
                " stop the server and add --force to overwrite it"
            )
        saved = f"{target}.before-restore-{clock.stamp().replace(':', '')}"
        store.backup(db, saved)
        click.echo(f"Saved the current database to {saved}")
    store.restore(db, file)
    store.audit(db, "cli", "database.restored", os.path.abspath(file))
    click.echo(f"Restored {store.response_count(db)} responses from {file}")


@cli.command("purge")
@click.option(
    "--older-than",
    "months",
    type=click.IntRange(1, 1200),
    help="Months to keep free text (default: RETENTION_MONTHS, 24).",
)
def purge_command(months):
    """Delete free-text comments older than N months; ratings and choices stay.

    Example: survey purge --older-than 24
    """
    months = months or int(current_app.config["RETENTION_MONTHS"])
    zone = current_app.config["TIMEZONE"]
    cutoff = periods.months_before(periods.today_local(zone), months)
    before = clock.day_range(cutoff, None, zone)[0]
    deleted = store.purge_comments(get_db(), before)
    store.audit(
        get_db(),
        "cli",
        "comments.purged",
        f"before {cutoff.isoformat()}",
        {"older_than_months": months, "deleted": deleted},
    )
    click.echo(f"Deleted {deleted} comments submitted before {cutoff.isoformat()}; ratings kept.")
