"""The overview report (HTML, PDF, public page) and alert e-mails."""

from __future__ import annotations

import smtplib

import click
from flask import current_app

from .. import (
    store,
)
from ..db import get_db
from ..vocabulary import COORDINATOR_LANGUAGES
from .base import cli, full_link, parse_day_option, questionnaire, stdout_is_terminal, write_chunks


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
    from .. import i18n, overviews, report

    db, english = get_db(), i18n.translator("en")
    if unpublish_slug is not None:
        if not overviews.unpublish(db, unpublish_slug, "cli"):
            raise click.ClickException(f"nothing is published as '{unpublish_slug}'")
        click.echo(f"Unpublished {unpublish_slug}: /overview/{unpublish_slug} now answers 404.")
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
        click.echo(full_link(f"/overview/{publish_slug}"))


@cli.command("alerts")
@click.option("--dry-run", is_flag=True, help="Only list tripped rules; send nothing.")
def alerts_command(dry_run):
    """Check the alert rules; e-mail tripped ones when MAIL_SERVER etc. are configured.

    A rule is mailed again at most once a day while it stays tripped. Run it from cron.

    Example: survey alerts
    """
    from .. import alerts

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
