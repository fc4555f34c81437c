"""Data in and out: export, import, figures import."""

from __future__ import annotations

import os

import click
from flask import current_app

from .. import (
    clock,
    exports,
    figures,
    store,
)
from ..db import get_db
from .base import (
    check_desks,
    cli,
    counted,
    parse_day_option,
    questionnaire,
    stdout_is_terminal,
    write_chunks,
)


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


@cli.command("import")
@click.argument("file", type=click.File("rb"))
def import_command(file):
    """Import a long ratings CSV or a comments CSV (as `survey export` writes them).

    Example: survey import paper-2019.csv

    The header tells which it is. Every problem is listed with its line number, and a file
    with any problem imports nothing. Answers already stored with the same value are skipped,
    so repeating an import is harmless; import ratings before the comments of the same surveys.
    """
    from ..imports import ImportErrors, import_file

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
