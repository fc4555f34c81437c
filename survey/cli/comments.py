"""Comments: tag (redact and tag text on stdin), retag (every stored comment).

The tagger loads lexicons and compiles large patterns: it is imported by these commands only,
not by every `survey` command (an export starts a tenth of a second sooner).
"""

from __future__ import annotations

import json
import sys

import click

from .. import store
from ..db import get_db
from ..vocabulary import TAGGED_LANGUAGES
from .base import cli, questionnaire


@cli.command("tag")
@click.option(
    "--question", help="The question answered (e.g. better): its role and topic guide tagging."
)
@click.option("--language", type=click.Choice(list(TAGGED_LANGUAGES)), help="Skip detection.")
def tag_command(question, language):
    """Redact and tag comments read one per line on stdin; write one JSON object per line.

    Keys: language, polarity, subjectivity, label, topics (topic ids), redacted (the text after
    redaction).

    Example: survey tag --question better < comments.txt
    """
    from .. import redact, sentiment

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
    from .. import tagging

    db = get_db()
    total, changed = tagging.retag_all(db, questionnaire())
    store.audit(db, "cli", "comments.retagged", "", {"checked": total, "changed": changed})
    click.echo(f"Retagged {total} comments; {changed} changed.")
