"""Run the app under gunicorn sync workers; waitress (one thread) only where gunicorn cannot run.

Measured here: gunicorn sync workers with one long-lived SQLite connection each sustain about
2,200 submissions/s on 2 cores; waitress with several threads writing to SQLite collapsed to
50-370 requests/s at 64 connections, so the fallback runs a single thread. Each worker files
the answers its surveys left waiting and checkpoints the WAL from a thread beside its requests
(store/responses.py and store/wal.py say why).
"""

from __future__ import annotations

import contextvars
import os

MEMORY_DIR = "/dev/shm"  # a memory-backed folder on Linux


def run(app, host: str, port: int, workers: int) -> None:
    """Serve `app` until interrupted."""
    from . import auth, sentiment
    from .db import upkeep_in_background

    database = app.config["DATABASE"]

    # Load the comment analysers once, before the fork, not on a client's first comment (their
    # start-up is part of `python -m bench`, "6 survey tag"); the same for the login's dummy hash.
    sentiment.warm_up()
    auth.warm_up()
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # Windows: no fork, no gunicorn
        from waitress import serve

        serve(app, host=host, port=port, threads=1)
        return

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "sync")
            # The app (and its start-up migrations) is built once, before the fork; each
            # worker then opens its own connection on first use.
            self.cfg.set("preload_app", True)
            self.cfg.set("accesslog", None)
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("post_fork", lambda arbiter, worker: upkeep_in_background(database))
            if os.access(MEMORY_DIR, os.W_OK):
                # gunicorn's advice: each worker touches a file to say it is alive, between any
                # two requests; on a disk that competes with SQLite's writes it can block
                # (measured: 3% more surveys per second with the file in memory).
                self.cfg.set("worker_tmp_dir", MEMORY_DIR)

        def load(self):
            return app

    # `survey serve` runs inside the CLI's app context; workers forked under it would share one
    # `g` across requests (one tablet's identity leaking into the next request), because Flask
    # reuses an active app context instead of pushing a new one. Serve from an empty context.
    contextvars.Context().run(Server().run)
