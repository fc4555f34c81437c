"""Comments: tag (redact and tag text on stdin), retag (every stored comment)."""

from __future__ import annotations

import json
import sys

import click

from .. import (
    sentiment,
    store,
)
from ..db import get_db
from .base import cli, questionnaire


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
    from .. import redact

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
