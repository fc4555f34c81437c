"""The `survey` command line. Command names, options and output are a stable interface."""

from __future__ import annotations

import json
import os
import smtplib
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup

from . import (
    accounts,
    clock,
    create_app,
    credentials,
    demo,
    exports,
    figures,
    periods,
    replication,
    sentiment,
    store,
    tablets,
)
from .auth import hash_password
from .db import connect as db_connect
from .db import get_db
from .questionnaire import QuestionnaireError
from .questionnaire import load as load_questionnaire
from .text import clean
from .vocabulary import COORDINATOR_LANGUAGES


def make_app():
    """create_app for the CLI: an invalid questions.yaml is a clear error, not a traceback."""
    try:
        return create_app()
    except QuestionnaireError as error:
        raise click.ClickException(f"invalid questionnaire:\n{error}") from None


def version_text() -> str:
    """What `survey --version` prints: the survey's version first, then what it runs on."""
    import platform
    from importlib.metadata import version

    from . import __version__

    return (
        f"survey {__version__}\nPython {platform.python_version()}\n"
        f"Flask {version('flask')}\nWerkzeug {version('werkzeug')}"
    )


def print_version(ctx, param, value) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(
    cls=FlaskGroup, create_app=make_app, add_default_commands=False, add_version_option=False
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=print_version,
    help="Show the survey version (and Python, Flask, Werkzeug) and exit.",
)
def cli():
    """Client-satisfaction surveys for public service desks.

    The instance folder (database, secret key, config.py) is $SURVEY_INSTANCE_PATH,
    or instance/ beside the package.
    """


def questionnaire():
    return current_app.extensions["survey"]


def counted(count: int, noun: str) -> str:
    """ "1 problem", "2 problems": a count with its English noun in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def link(path: str) -> str:
    """A full URL when BASE_URL is configured, else the path."""
    base = current_app.config.get("BASE_URL")
    return f"{base.rstrip('/')}{path}" if base else path


def parse_day_option(value: str | None, name: str):
    if value is None:
        return None
    try:
        return clock.parse_day(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=name) from None


def checked_name(name: str, what: str) -> str:
    """A tablet, user or token name: cleaned of control characters, 1-100 characters."""
    name = clean(name).strip()
    if not name or len(name) > 100:
        raise click.BadParameter(f"a {what} name is 1-100 characters", param_hint="NAME")
    return name


def check_desks(desks: tuple[str, ...]) -> list[str]:
    known = [d.id for d in questionnaire().desks]
    for desk in desks:
        if desk not in known:
            raise click.BadParameter(
                f"unknown desk '{desk}' (known: {', '.join(known)})", param_hint="--desk"
            )
    return list(dict.fromkeys(desks))


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
    from .serve import run

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


# --- tablets ------------------------------------------------------------------------------------


@cli.group("tablet")
def tablet_group():
    """Pair, list and revoke tablets."""


@tablet_group.command("add")
@click.argument("name")
@click.option("--desk", "desks", multiple=True, required=True, help="A desk it serves (repeat).")
@click.option("--mode", type=click.Choice(list(tablets.MODES)), default="open", show_default=True)
def tablet_add(name, desks, mode):
    """Add a tablet and print its one-time pairing link (alone on the last line).

    The link is a full URL when BASE_URL is set (e.g. SURVEY_BASE_URL=https://survey.example.nl);
    the tablets page (/coordinator/tablets) also shows it as a QR code.

    Example: survey tablet add "One Stop Shop" --desk expat_centre --desk ind
    """
    try:
        pairing = tablets.add(get_db(), questionnaire(), name, desks, mode, "cli")
    except tablets.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except tablets.TabletError as error:
        hint = "NAME" if error.field == "name" else f"--{error.field.rstrip('s')}"
        raise click.BadParameter(str(error), param_hint=hint) from None
    tablet = pairing.tablet
    click.echo(f"Tablet '{tablet['name']}' serves {', '.join(tablet['desks'])} ({mode}).")
    echo_pairing(pairing)


def full_link(path: str) -> str:
    """A full URL on BASE_URL; without it the path, after a line that says how to set BASE_URL."""
    base = current_app.config.get("BASE_URL")
    if base:
        return f"{base.rstrip('/')}{path}"
    click.echo(
        "BASE_URL is not set, so this is only the path: put the server's address in front,"
        " or set SURVEY_BASE_URL=https://survey.example.nl (or BASE_URL in the instance's"
        " config.py) to print full links."
    )
    return path


def echo_pairing(pairing: tablets.Pairing) -> None:
    """Print a pairing link alone on the last line: a full URL, or the path and how to get one."""
    link = full_link(pairing.path)
    click.echo("Open this link once on the tablet to pair it:")
    click.echo(link)


@tablet_group.command("pair")
@click.argument("name")
def tablet_pair(name):
    """Print a new one-time pairing link for an existing tablet (a replaced device).

    Example: survey tablet pair "IND desk 1"
    """
    try:
        pairing = tablets.renew(get_db(), store.get_tablet_by_name(get_db(), name), "cli")
    except tablets.UnknownTablet:
        raise click.ClickException(f"no tablet named '{name}'") from None
    echo_pairing(pairing)


LISTED_STATES = {
    tablets.REVOKED: "revoked",
    tablets.PAIRED: "paired",
    tablets.UNPAIRED: "waiting for pairing",
}


@tablet_group.command("list")
def tablet_list():
    """List tablets with their desks, mode, state and last report (local time), tab-separated.

    Example: survey tablet list
    """
    zone = current_app.config["TIMEZONE"]
    click.echo(f"name\tdesks\tmode\tstate\tlast seen ({zone})")
    for tablet in store.list_tablets(get_db()):
        state = LISTED_STATES[tablets.pairing_state(tablet)]
        seen = clock.local_minute(tablet["last_seen_at"], zone) or "never"
        click.echo(
            f"{tablet['name']}\t{','.join(tablet['desks'])}\t{tablet['mode']}\t{state}\t{seen}"
        )


@tablet_group.command("revoke")
@click.argument("name")
def tablet_revoke(name):
    """Revoke a tablet at once: its next request gets 403.

    Example: survey tablet revoke "IND desk 1"
    """
    try:
        tablets.revoke(get_db(), name, "cli")
    except tablets.UnknownTablet as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Tablet '{name}' revoked.")


# --- users --------------------------------------------------------------------------------------


@cli.group("user")
def user_group():
    """Coordinator and admin accounts."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["coordinator", "admin"]), default="coordinator")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Read from a prompt, or from stdin when piped.",
)
def user_add(name, role, password):
    """Add a user (or reset an existing user's password and role).

    Example: survey user add anna --role admin
    """
    name = checked_name(name, "user")
    if len(password) < 10:
        raise click.ClickException("the password must be at least 10 characters")
    store.add_user(get_db(), name, hash_password(password), role)
    store.audit(get_db(), "cli", "user.added", name, {"role": role})
    click.echo(f"User '{name}' ({role}) saved.")


@user_group.command("invite")
@click.argument("name")
@click.option("--role", type=click.Choice(list(accounts.ROLES)), default="coordinator")
def user_invite(name, role):
    """Add a user without a password and print their one-time set-password link (last line).

    They choose their own password there; nobody else ever sees it. The link lapses after 7 days.

    Example: survey user invite bram --role coordinator
    """
    try:
        code = accounts.invite(get_db(), name, role, "cli")
    except accounts.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except accounts.AccountError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    click.echo(f"User '{name.strip()}' ({role}) added; they choose their password at this link:")
    click.echo(full_link(accounts.link_path(code)))


@user_group.command("list")
def user_list():
    """List users: name, role, last login and whether disabled (tab-separated).

    Example: survey user list
    """
    for user in store.list_users(get_db()):
        state = (
            f"disabled since {user['disabled_at']}"
            if user["disabled_at"]
            else "no password chosen yet"
            if user["invited"]
            else "active"
        )
        last = user["last_login_at"] or "never"
        click.echo(f"{user['username']}\t{user['role']}\t{state}\tlast login {last}")


@user_group.command("disable")
@click.argument("name")
def user_disable(name):
    """Take a user's access away: every session of theirs ends at once, no new login works.

    Example: survey user disable anna
    """
    try:
        accounts.set_disabled(get_db(), name, True, "cli", keep_admin=False)
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"User '{name}' disabled; their sessions have ended.")


@user_group.command("enable")
@click.argument("name")
def user_enable(name):
    """Give a disabled user their access back (with their old password).

    Example: survey user enable anna
    """
    try:
        accounts.set_disabled(get_db(), name, False, "cli")
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"User '{name}' enabled.")


# --- exports ------------------------------------------------------------------------------------


@cli.command("export")
@click.option("--desk", "desks", multiple=True, help="Only this desk (repeat for several).")
@click.option("--from", "first", help="First day, YYYY-MM-DD (local time).")
@click.option("--to", "last", help="Last day, YYYY-MM-DD, inclusive.")
@click.option("--question", "questions", multiple=True, help="Only this question (repeat).")
@click.option(
    "--comments",
    is_flag=True,
    help="CSV/JSON: the comments instead of the ratings; XLSX: add a comments sheet.",
)
@click.option(
    "--shape",
    type=click.Choice(["long", "wide"]),
    default="long",
    show_default=True,
    help="long: one row per rating; wide: one row per response and desk.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "json"]),
    default="csv",
    show_default=True,
    help="json writes JSON Lines (one object per row).",
)
@click.option("--bom", is_flag=True, help="Start the CSV with a BOM so that Excel reads UTF-8.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (else stdout)."
)
def export_command(desks, first, last, questions, comments, shape, fmt, bom, output):
    """Export ratings (long or wide) or comments as CSV, XLSX or JSON Lines.

    Example: survey export --desk ind --from 2020-01-01 --to 2020-12-31 -o ind-2020.csv

    XLSX is binary: give -o FILE (or redirect stdout to a file).
    """
    desk_ids = check_desks(desks)
    question_ids = check_questions(questions, comments and fmt != "xlsx")
    start, end = clock.day_range(
        parse_day_option(first, "--from"), parse_day_option(last, "--to"),
        current_app.config["TIMEZONE"],
    )  # fmt: skip
    if fmt == "xlsx" and output is None and stdout_is_terminal():
        raise click.UsageError("XLSX is binary: give -o FILE or redirect stdout to a file")
    if comments and shape == "wide" and fmt != "xlsx":
        raise click.UsageError("--shape wide is for ratings; comments have one shape")
    spec = exports.ExportSpec(
        start, end, desk_ids or None, question_ids or None, comments, shape, fmt, bom
    )
    chunks = exports.export_chunks(get_db(), questionnaire(), spec)
    write_chunks(chunks, output, binary=fmt == "xlsx")


def stdout_is_terminal() -> bool:
    """True when stdout is a terminal (binary output would garble it)."""
    return sys.stdout.isatty()


def check_questions(questions: tuple[str, ...], comments: bool) -> list[str]:
    """Known question ids (rating questions, or questions taking text for a comments export)."""
    kinds = store.question_desks(get_db())
    for question in questions:
        kind = kinds.get(question)
        wanted = (
            kind and (kind[0] == "text" or kind[2]) if comments else kind and kind[0] == "rating"
        )
        if not wanted:
            what = "question taking free text" if comments else "rating question"
            raise click.BadParameter(f"'{question}' is not a {what}", param_hint="--question")
    return list(dict.fromkeys(questions))


# --- comments: tag, retag ------------------------------------------------------------------------


@cli.command("tag")
@click.option(
    "--question", help="The question answered (e.g. better): its role and topic guide tagging."
)
@click.option("--language", type=click.Choice(list(sentiment.LANGUAGES)), help="Skip detection.")
def tag_command(question, language):
    """Redact and tag comments read one per line on stdin; write one JSON object per line.

    Keys: language, polarity, subjectivity, label, topics (topic ids), redacted (the text after
    redaction).

    Example: survey tag --question better < comments.txt
    """
    from . import redact

    if question and question not in store.known_question_ids(get_db()):
        raise click.BadParameter(f"unknown question '{question}'", param_hint="--question")
    asked = questionnaire().question(question) if question else None
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        redacted = redact.redact(text).text
        result = sentiment.tag_answer(redacted, language, asked)
        click.echo(
            json.dumps(
                {
                    "language": result.language if result else None,
                    "polarity": result.polarity if result else None,
                    "subjectivity": result.subjectivity if result else None,
                    "label": result.label if result else None,
                    "topics": list(result.topics) if result else [],
                    "redacted": redacted,
                },
                ensure_ascii=False,
            )
        )


@cli.command("retag")
def retag_command():
    """Tag every stored comment again (sentiment and topics); report how many changed.

    Example: survey retag
    """
    db = get_db()
    survey = questionnaire()
    changed, total = [], 0
    for row in list(store.iter_comment_tags(db)):
        total += 1
        asked = survey.question(row["question_id"])
        result = sentiment.tag_answer(row["text"], row["response_language"], asked)
        new = {
            "id": row["id"],
            "language": result.language if result else row["language"],
            "polarity": result.polarity if result else None,
            "subjectivity": result.subjectivity if result else None,
            "label": result.label if result else None,
            "topics": json.dumps(list(result.topics)) if result else None,
        }
        keys = ("language", "polarity", "subjectivity", "label", "topics")
        if any(new[key] != row[key] for key in keys):
            changed.append(new)
    store.set_comment_tags(db, changed)
    store.audit(db, "cli", "comments.retagged", "", {"checked": total, "changed": len(changed)})
    click.echo(f"Retagged {total} comments; {len(changed)} changed.")


# --- report and its public page ----------------------------------------------------------------


def parse_quote_counts(values: tuple[str, ...]) -> dict[str, int]:
    """--quotes QUESTION=N (repeatable) as {question: N}; the numbers are checked later."""
    counts = {}
    for value in values:
        question, _, number = value.partition("=")
        try:
            counts[question.strip()] = int(number)
        except ValueError:
            raise click.BadParameter(
                f"'{value}' is not QUESTION=N (e.g. better=2)", param_hint="--quotes"
            ) from None
    return counts


@cli.command("report")
@click.option("--from", "first", help="First day of the ratings, YYYY-MM-DD (local time).")
@click.option("--to", "last", help="Last day, YYYY-MM-DD, inclusive.")
@click.option("--figures-from", help="First day of the figures (earlier for a baseline year).")
@click.option("--quotes-from", help="First day of the quotes (default: the rating period).")
@click.option("--quotes-to", help="Last day of the quotes.")
@click.option("--title", help="The overview's title.")
@click.option(
    "--desk", "desks", multiple=True, help="Only this desk (repeat; default: every desk)."
)
@click.option("--quotes", "quotes", multiple=True, help="QUESTION=N quotes of a question (repeat).")
@click.option("--overview", "overview_id", type=int, help="A saved overview's id: its choices.")
@click.option(
    "--lang", type=click.Choice(list(COORDINATOR_LANGUAGES)), default="en", show_default=True
)
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default="html", show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File.")
@click.option("--publish", "publish_slug", help="Publish on the public page /overview/SLUG.")
@click.option("--unpublish", "unpublish_slug", help="Take the public page /overview/SLUG down.")
def report_command(
    first, last, figures_from, quotes_from, quotes_to, title, desks, quotes, overview_id, lang,
    fmt, output, publish_slug, unpublish_slug,
):  # fmt: skip
    """Write the pilot overview for a period as one self-contained HTML file (CSS inlined) or
    an A4 PDF; publish it on a public page (no login) or take that page down.

    Numbers follow the language: 4.95 and 1,769 in English, 4,95 and 1.769 in Dutch.
    --overview ID takes a saved overview's choices (narrative included); options given beside
    it override them. --publish prints the public link alone on its last line.

    Example: survey report --from 2020-01-01 --to 2021-06-30 --figures-from 2019-01-01 --lang en --format pdf -o overview.pdf
    """
    from . import i18n, overviews, report

    db, english = get_db(), i18n.translator("en")
    if unpublish_slug is not None:
        if not overviews.unpublish(db, unpublish_slug, "cli"):
            raise click.ClickException(f"nothing is published as '{unpublish_slug}'")
        click.echo(f"Unpublished {unpublish_slug}: {link('/overview/' + unpublish_slug)} is gone.")
        return
    if publish_slug is not None and (problem := overviews.slug_problem(publish_slug, english)):
        raise click.BadParameter(problem, param_hint="--publish")
    if overview_id is not None:
        saved = store.get_overview(db, overview_id)
        if saved is None:
            raise click.BadParameter(f"no saved overview {overview_id}", param_hint="--overview")
        choices = overviews.from_row(saved)
    else:
        if first is None or last is None:
            raise click.UsageError("give --from and --to (or --overview ID)")
        choices = overviews.Choices(first=parse_day_option(first, "--from"), last=parse_day_option(last, "--to"))  # fmt: skip
    given = {
        "first": parse_day_option(first, "--from"),
        "last": parse_day_option(last, "--to"),
        "figures_first": parse_day_option(figures_from, "--figures-from"),
        "quotes_first": parse_day_option(quotes_from, "--quotes-from"),
        "quotes_last": parse_day_option(quotes_to, "--quotes-to"),
        "title": title,
        "desks": list(dict.fromkeys(desks)),
        "quote_counts": parse_quote_counts(quotes),
    }
    for name, value in given.items():
        if value:
            setattr(choices, name, value)
    problems = overviews.problems(choices, questionnaire(), english)
    if problems:
        raise click.ClickException(" ".join(problems))
    if fmt == "pdf" and output is None and (publish_slug or stdout_is_terminal()):
        raise click.BadParameter("a PDF goes to a file: add -o FILE", param_hint="--format")
    if output is not None or publish_slug is None:
        data = overviews.model(db, questionnaire(), choices, lang, current_app.config)
        html = report.render_standalone(data)
        if fmt == "pdf":
            try:
                write_chunks([overviews.pdf(html)], output, binary=True)
            except overviews.PdfUnavailable as error:
                raise click.ClickException(str(error)) from None
        else:
            write_chunks([html], output)
    if publish_slug is not None:
        if overview_id is None:
            holder = store.published_overview(db, publish_slug)
            if holder is not None:  # republishing under a slug keeps that overview's narrative
                choices.narrative = choices.narrative or holder["narrative"]
                choices.title = title or holder["title"]
            overview_id = overviews.save(db, choices, "cli", holder["id"] if holder else None)
        elif any(given.values()):
            overviews.save(db, choices, "cli", overview_id)
        if not overviews.publish(db, overview_id, publish_slug, "cli"):
            raise click.BadParameter(
                f"'{publish_slug}' is taken by another overview", param_hint="--publish"
            )
        click.echo(link(f"/overview/{publish_slug}"))


@cli.group("figures")
def figures_group():
    """Operational figures per desk and period."""


@figures_group.command("import")
@click.argument("file", type=click.File("rb"))
def figures_import(file):
    """Import figures from CSV (desk_id,metric,period_start,period_end,value), all or nothing.

    The same file the figures page takes, e.g. a queue-management system's monthly export run
    from cron. A figure already stored for the same desk, metric and period is replaced.

    Example: survey figures import figures-2021-06.csv
    """
    text, problems = figures.decode(file.read())
    if text is not None:
        desks = {d.id for d in questionnaire().desks}
        rows, problems = figures.parse_csv(text, desks)
    if problems:
        for problem in problems[:-1]:
            click.echo(problem, err=True)
        raise click.ClickException(f"{file.name}: nothing imported; {problems[-1]}")
    db = get_db()
    with db.atomic():
        count = store.set_figures(db, rows, "cli")
        store.audit(db, "cli", "figure.imported", file.name, {"rows": count})
    click.echo(f"Imported {count} figures from {file.name}.")


@cli.command("alerts")
@click.option("--dry-run", is_flag=True, help="Only list tripped rules; send nothing.")
def alerts_command(dry_run):
    """Check the alert rules; e-mail tripped ones when MAIL_SERVER etc. are configured.

    A rule is mailed again at most once a day while it stays tripped. Run it from cron.

    Example: survey alerts
    """
    from . import alerts

    db = get_db()
    config = current_app.config
    if dry_run:
        tripped, sent = alerts.check(db), []
    else:
        try:
            tripped, sent = alerts.check_and_send(db, config)
        except (OSError, smtplib.SMTPException) as error:
            raise click.ClickException(f"sending the alert e-mail failed: {error}") from None
    for trip in tripped:
        click.echo(f"TRIPPED {alerts.describe(trip)}")
    if not tripped:
        click.echo("No alert rule is tripped.")
    elif sent:
        click.echo(f"Mailed {len(sent)} alert(s) to {', '.join(alerts.recipients(config))}.")
    elif not dry_run and not alerts.mail_configured(config):
        click.echo(
            "Mail is not configured (MAIL_SERVER, MAIL_FROM, ALERT_RECIPIENTS): nothing sent."
        )


# --- import and tokens ---------------------------------------------------------------------------


@cli.command("import")
@click.argument("file", type=click.File("rb"))
def import_command(file):
    """Import a long ratings CSV or a comments CSV (as `survey export` writes them).

    Example: survey import paper-2019.csv

    The header tells which it is. Every problem is listed with its line number, and a file
    with any problem imports nothing. Answers already stored with the same value are skipped,
    so repeating an import is harmless; import ratings before the comments of the same surveys.
    """
    from .imports import ImportErrors, import_file

    try:
        result = import_file(get_db(), questionnaire(), file)
    except ImportErrors as invalid:
        for problem in invalid.problems:
            click.echo(problem, err=True)
        raise click.ClickException(
            f"{file.name}: nothing imported ({counted(len(invalid.problems), 'problem')})"
        ) from None
    store.audit(
        get_db(),
        "cli",
        "import",
        os.path.basename(file.name),
        {"kind": result.kind, "added": result.added, "skipped": result.skipped},
    )
    click.echo(
        f"Imported {result.added} {result.kind} ({result.responses} new responses);"
        f" {result.skipped} already stored were skipped."
    )


@cli.group("token")
def token_group():
    """Bearer tokens for the read API (/api/v1/summary, /api/v1/ratings)."""


@token_group.command("add")
@click.argument("name")
def token_add(name):
    """Create a read-API token and print it alone on the last line (shown only once).

    Example: survey token add management-dashboard
    """
    try:
        token = accounts.create_token(get_db(), name, "cli")
    except accounts.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except accounts.AccountError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    name = name.strip()
    click.echo(f"Token '{name}' created. Send it as 'Authorization: Bearer <token>':")
    click.echo(token)


@token_group.command("list")
def token_list():
    """List read-API tokens: name, created, last used, and whether revoked.

    Example: survey token list
    """
    for token in store.list_tokens(get_db()):
        state = f"revoked {token['revoked_at']}" if token["revoked_at"] else "active"
        used = token["last_used_at"] or "never used"
        click.echo(f"{token['name']}\t{state}\tcreated {token['created_at']}\t{used}")


@token_group.command("revoke")
@click.argument("name")
def token_revoke(name):
    """Revoke a read-API token at once.

    Example: survey token revoke management-dashboard
    """
    try:
        accounts.revoke_token(get_db(), name, "cli")
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Token '{name}' revoked.")


# --- backup, restore, purge ----------------------------------------------------------------------


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


# --- check ---------------------------------------------------------------------------------------


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
    from . import i18n

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


def write_chunks(chunks, output: str | None, binary: bool = False) -> None:
    """Write text (or bytes) chunks to a file (atomically) or to stdout."""
    if output is None:
        sys.stdout.flush()  # text already written must come before the bytes
        stream = sys.stdout.buffer if binary else sys.stdout
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
        return
    partial = f"{output}.partial"
    mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
    with open(partial, **mode) as handle:
        for chunk in chunks:
            handle.write(chunk)
    os.replace(partial, output)
    click.echo(f"Wrote {output}", err=True)


def main():
    """Console-script entry point."""
    cli(prog_name="survey")


if __name__ == "__main__":
    main()
