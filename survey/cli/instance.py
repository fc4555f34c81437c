"""Setting up and running an instance: init, serve, demo, check."""

from __future__ import annotations

import click
from flask import current_app

from .. import credentials, replication, store, tablets
from ..auth import hash_password
from ..db import connect as db_connect
from ..db import get_db
from ..questionnaire import QuestionnaireError
from ..questionnaire import load as load_questionnaire
from ..vocabulary import COORDINATOR_LANGUAGES
from .base import cli, counted, echo_pairing, questionnaire


@cli.command("init")
def init_command():
    """Create the instance folder, secret key and empty schema. Adds no data.

    Example: survey init
    """
    click.echo(f"Instance ready at {current_app.instance_path}")
    click.echo(f"Database: {current_app.config['DATABASE']}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def serve_command(host, port, workers):
    """Serve the app with gunicorn sync workers (waitress where gunicorn cannot run).

    With REPLICA_URL set (see docs/replication.md), it runs under Litestream, which streams
    every change of the database to that replica.

    Example: survey serve --host 0.0.0.0 --port 8000 --workers 2
    """
    from ..serve import run

    app = current_app._get_current_object()
    url = replication.replica_url(app.config)
    if url and not replication.is_under_litestream():
        args = ["--host", host, "--port", str(port), "--workers", str(workers)]
        click.echo(f"Replicating {app.config['DATABASE']} to {url} with Litestream")
        try:
            replication.serve_under_litestream(app.config["DATABASE"], url, args)
        except replication.ReplicationError as error:
            raise click.ClickException(str(error)) from None
    if url and replication.is_under_litestream():
        click.echo("Waiting for Litestream's first sync to the replica")
        with db_connect(app.config["DATABASE"]) as probe_db:
            try:
                replication.wait_until_replicating(
                    app.config["DATABASE"], lambda: store.is_usable(probe_db)
                )
            except replication.ReplicationError as error:
                raise click.ClickException(str(error)) from None
    click.echo(f"Kiosk and coordinator pages on http://{host}:{port}/ (coordinator: /coordinator/)")
    run(app, host, port, workers)


@cli.command("demo")
@click.option("--responses", default=3000, show_default=True, type=click.IntRange(0, 50_000_000))
@click.option("--if-empty", is_flag=True, help="Add data only when no response is stored yet.")
def demo_command(responses, if_empty):
    """Add plausible demo data (the only command that does), a demo tablet and a login.

    Example: survey demo --responses 100000
    """
    from .. import demo  # with the tagger: no other command loads it

    db = get_db()
    if if_empty and store.response_count(db):
        click.echo("Database already has responses; no demo data added.")
    else:
        demo.load(db, questionnaire(), responses)
        click.echo(f"Added {responses} demo responses (July 2019 - June 2021).")
    tablet = store.get_tablet_by_name(db, demo.DEMO_TABLET)
    if tablet is None:
        desks = [d.id for d in questionnaire().desks]
        pairing = tablets.add(db, questionnaire(), demo.DEMO_TABLET, desks, "open", "cli")
    else:
        pairing = tablets.renew(db, tablet, "cli")
    for title, name, role in (
        ("Coordinator", demo.DEMO_USER, "coordinator"),
        ("Admin", demo.DEMO_ADMIN, "admin"),
    ):
        if store.get_user(db, name) is None:
            password = credentials.new_secret()[:16]
            store.add_user(db, name, hash_password(password), role)
            click.echo(f"{title} login: {name} / {password}  (at /coordinator/)")
        else:
            click.echo(
                f"{title} login: {name} (password shown when it was created;"
                f" set a new one with: survey user add {name} --role {role})"
            )
    echo_pairing(pairing)


@cli.command("check")
@click.option(
    "--questions",
    "questions_file",
    type=click.Path(dir_okay=False),
    help="Validate this file instead of the configured questions.yaml.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when any translation is missing.")
def check_command(questions_file, strict):
    """Validate questions.yaml and report missing translations per language.

    A missing translation falls back to English on the pages; this lists each one so it can
    be filled in (interface strings in survey/translations/<lang>/LC_MESSAGES/messages.po,
    question and desk texts in questions.yaml). Exit 1 on an invalid questions.yaml (and, with
    --strict, on any missing translation).

    Example: survey check --strict
    """
    from .. import i18n

    path = questions_file or current_app.config["QUESTIONS_FILE"]
    try:
        loaded = load_questionnaire(path)
    except QuestionnaireError as error:
        click.echo(f"{path}: INVALID ({counted(len(error.problems), 'problem')})")
        for line in error.problems:
            click.echo(f"  {line}")
        raise SystemExit(1) from None
    click.echo(
        f"{path}: valid ({len(loaded.desks)} desks, {len(loaded.questions)} questions,"
        f" languages {', '.join(loaded.languages)})"
    )
    results = i18n.coverage(loaded, COORDINATOR_LANGUAGES)
    gaps = 0
    click.echo(f"{'language':<18}{'kiosk':>10}{'coordinator':>14}{'texts':>10}")
    for result in results:
        kiosk = f"{result.kiosk_total - len(result.kiosk_missing)}/{result.kiosk_total}"
        coordinator = "-"
        if result.language in COORDINATOR_LANGUAGES:
            done = result.coordinator_total - len(result.coordinator_missing)
            coordinator = f"{done}/{result.coordinator_total}"
        texts = f"{result.texts_total - len(result.texts_missing)}/{result.texts_total}"
        label = f"{result.language} {result.name}"
        if result.catalogue is None:
            label += " (source)"
        click.echo(f"{label:<18}{kiosk:>10}{coordinator:>14}{texts:>10}")
    for result in results:
        missing = [
            *(("kiosk", text) for text in result.kiosk_missing),
            *(("coordinator", text) for text in result.coordinator_missing),
            *(("questions.yaml", place) for place in result.texts_missing),
        ]
        gaps += len(missing)
        if missing:
            click.echo(f"{result.language}: {len(missing)} missing (shown in English instead):")
            for where, text in missing:
                click.echo(f"  [{where}] {text}")
    if gaps == 0:
        click.echo("All translations complete.")
    elif strict:
        raise SystemExit(1)
