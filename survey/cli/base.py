"""The `survey` command group and the helpers its commands share."""

from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup

from .. import (
    clock,
    create_app,
    tablets,
)
from ..questionnaire import QuestionnaireError
from ..text import NAME_MAX, clean_name


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

    from .. import __version__

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


def parse_day_option(value: str | None, name: str):
    if value is None:
        return None
    try:
        return clock.parse_day(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=name) from None


def checked_name(name: str, what: str) -> str:
    """A tablet, user or token name: cleaned of control characters, 1-100 characters."""
    cleaned = clean_name(name)
    if cleaned is None:
        raise click.BadParameter(f"a {what} name is 1-{NAME_MAX} characters", param_hint="NAME")
    return cleaned


def check_desks(desks: tuple[str, ...]) -> list[str]:
    known = [d.id for d in questionnaire().desks]
    for desk in desks:
        if desk not in known:
            raise click.BadParameter(
                f"unknown desk '{desk}' (known: {', '.join(known)})", param_hint="--desk"
            )
    return list(dict.fromkeys(desks))


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


def stdout_is_terminal() -> bool:
    """True when stdout is a terminal (binary output would garble it)."""
    return sys.stdout.isatty()


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
