"""Saved overviews: a coordinator's choices for the pilot overview, checked, stored, rendered
(HTML or PDF) and published. The report page, the public page and `survey report` share this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import report, store
from .questionnaire import Questionnaire
from .vocabulary import COORDINATOR_LANGUAGES

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
MAX_TITLE, MAX_SECTION, MAX_QUOTES = 200, 5000, 20
LANGUAGES = tuple(COORDINATOR_LANGUAGES)  # the languages an overview is written in


@dataclass
class Choices:
    """What an overview shows. Days are local and inclusive; None = follow the rating period."""

    first: date
    last: date
    title: str = ""
    figures_first: date | None = None
    quotes_first: date | None = None
    quotes_last: date | None = None
    desks: list[str] = field(default_factory=list)  # [] = every desk
    quote_counts: dict[str, int] = field(default_factory=dict)  # {} = report.DEFAULT_QUOTES each
    narrative: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> section -> text


def quote_questions(questionnaire: Questionnaire) -> list:
    """The questions whose answers can be quoted (open questions and rating comments)."""
    return [q for q in questionnaire.questions if q.kind == "text" or q.comment]


def problems(choices: Choices, questionnaire: Questionnaire, _: Callable[..., str]) -> list[str]:
    """Everything wrong with `choices`, as messages in the caller's language; [] when fine."""
    found = []
    if choices.first > choices.last:
        found.append(_("The first day lies after the last day."))
    if choices.figures_first and choices.figures_first > choices.first:
        found.append(_("The figures may start earlier than the ratings, not later."))
    if choices.quotes_first and choices.quotes_last and choices.quotes_first > choices.quotes_last:
        found.append(_("The quotes' first day lies after their last day."))
    if len(choices.title) > MAX_TITLE:
        found.append(_("The title is longer than %(n)s characters.", n=MAX_TITLE))
    known_desks = [d.id for d in questionnaire.desks]
    for desk in choices.desks:
        if desk not in known_desks:
            found.append(_("Unknown desk '%(desk)s' (known: %(known)s).", desk=desk[:60], known=", ".join(known_desks)))  # fmt: skip
    quotable = [q.id for q in quote_questions(questionnaire)]
    for question, count in choices.quote_counts.items():
        if question not in quotable:
            found.append(_("Unknown quote question '%(q)s' (known: %(known)s).", q=question[:60], known=", ".join(quotable)))  # fmt: skip
        elif not 0 <= count <= MAX_QUOTES:
            found.append(_("Quotes per question: a number from 0 to %(n)s.", n=MAX_QUOTES))
    for lang, sections in choices.narrative.items():
        if lang not in LANGUAGES or set(sections) - set(report.NARRATIVE):
            found.append(_("Unknown narrative section."))
        elif any(len(text) > MAX_SECTION for text in sections.values()):
            found.append(_("A narrative section is longer than %(n)s characters.", n=MAX_SECTION))
    return found


def slug_problem(slug: str, _: Callable[..., str]) -> str | None:
    """Why `slug` cannot name a public page, or None."""
    if not SLUG.fullmatch(slug or ""):
        return _("A public name has 1 to 64 lower-case letters, digits and hyphens (e.g. pilot-2021).")  # fmt: skip
    return None


def to_fields(choices: Choices) -> dict:
    """The stored columns of `choices` (store.save_overview)."""

    def iso(day):
        return day.isoformat() if day else None

    return {
        "title": choices.title,
        "rating_from": iso(choices.first),
        "rating_to": iso(choices.last),
        "figures_from": iso(choices.figures_first),
        "quotes_from": iso(choices.quotes_first),
        "quotes_to": iso(choices.quotes_last),
        "desks": choices.desks,
        "quote_counts": choices.quote_counts,
        "narrative": choices.narrative,
    }


def from_row(row: dict) -> Choices:
    """The Choices a stored overview holds."""

    def day(value):
        return date.fromisoformat(value) if value else None

    return Choices(
        first=day(row["rating_from"]),
        last=day(row["rating_to"]),
        title=row["title"],
        figures_first=day(row["figures_from"]),
        quotes_first=day(row["quotes_from"]),
        quotes_last=day(row["quotes_to"]),
        desks=row["desks"],
        quote_counts=row["quote_counts"],
        narrative=row["narrative"],
    )


def save(db, choices: Choices, by: str, overview_id: int | None = None) -> int:
    """Store `choices` (checked by the caller) and log who did it; return the overview's id."""
    with db.atomic():
        saved = store.save_overview(db, to_fields(choices), by, overview_id)
        action = "overview.created" if overview_id is None else "overview.updated"
        store.audit(db, by, action, str(saved), {"title": choices.title})
    return saved


def publish(db, overview_id: int, slug: str, by: str) -> bool:
    """Put an overview on its public page; False when another overview holds the slug."""
    with db.atomic():
        if not store.publish_overview(db, overview_id, slug):
            return False
        store.audit(db, by, "overview.published", str(overview_id), {"slug": slug})
    return True


def unpublish(db, slug: str, by: str) -> bool:
    """Take the public page `slug` down at once; False when nothing was published there."""
    with db.atomic():
        overview_id = store.unpublish_overview(db, slug)
        if overview_id is None:
            return False
        store.audit(db, by, "overview.unpublished", str(overview_id), {"slug": slug})
    return True


def model(db, questionnaire: Questionnaire, choices: Choices | dict, lang: str, config) -> dict:
    """The report model of `choices` (or of a stored overview's row) in `lang` (report.build)."""
    if isinstance(choices, dict):
        choices = from_row(choices)
    return report.build(db, questionnaire, choices.first, choices.last, lang, config, choices)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def pdf(html: str) -> bytes:
    """The overview's HTML as an A4 PDF, laid out by WeasyPrint from the same HTML and CSS."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango's shared libraries are missing
        raise PdfUnavailable(
            "PDF needs WeasyPrint and Debian's Pango (apt-get install libpango-1.0-0"
            f" libpangoft2-1.0-0): {str(error).splitlines()[0]}"
        ) from None
    return weasyprint.HTML(string=html).write_pdf()
