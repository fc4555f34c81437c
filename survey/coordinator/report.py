"""The pilot report: the public overview's structure, rebuilt from stored data for any period.

The same data and partial template back the page (/coordinator/report) and the self-contained
file that `survey report` writes.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent
from flask import (
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import auth, clock, stats, store
from ..db import get_db
from . import bp

YEARLY_METRICS = ("clients", "documents_issued")
OSS, OSS_NON_EU = "oss_appointments", "oss_non_eu"
SERVICES = ("service_biometrics", "service_residence_permit", "service_return_visa")
STATIC = Path(__file__).resolve().parent.parent / "static"


@functools.lru_cache(maxsize=32)
def _separators(lang: str) -> dict[int, str]:
    """str.translate table from Python's ',' and '.' to the language's group and decimal signs."""
    group, point = format_decimal(1234.5, format="#,##0.0", locale=lang)[1::4]
    return str.maketrans({",": group, ".": point})


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """A number in the report's language: 1,769 and 4.95 in English, 1.769 and 4,95 in Dutch.

    Babel's symbols, Python's formatting: format_decimal per number cost ~80 us, and a
    dashboard shows hundreds of numbers.
    """
    return f"{value:,.{decimals}f}".translate(_separators(lang))


def format_percent(share: float, lang: str) -> str:
    """A 0..1 share as a whole percentage in the report's language."""
    return babel_percent(share, format="#,##0%", locale=lang)


def mean_decimals(summary: stats.Summary) -> int:
    """Two decimals only where the interval is narrow enough for the second one to mean something.

    The overview prints 4.9 next to 4.95; here the choice follows the data: below a half-width
    of 0.05 the second decimal is shown, otherwise one.
    """
    if summary.ci is None:
        return 1
    return 2 if (summary.ci[1] - summary.ci[0]) / 2 < 0.05 else 1


def format_mean(summary: stats.Summary, lang: str) -> str:
    """A mean with the decimals its interval supports."""
    return format_number(summary.mean, lang, mean_decimals(summary))


def format_day(day: date, lang: str) -> str:
    """A day as people read it: 30 June 2021 / 30 juni 2021."""
    return format_date(day, format="d MMMM y", locale=lang)


def figure_year(figure: dict) -> str:
    """The calendar year a figure counts for ('2020'), or its span ('2020–2021')."""
    first, last = figure["period_start"][:4], figure["period_end"][:4]
    return first if first == last else f"{first}–{last}"


def coverage(figures: list[dict]) -> dict[str, tuple[str, str]]:
    """Year -> (first day, last day) the figures cover within that calendar year."""
    years: dict[str, tuple[str, str]] = {}
    for figure in figures:
        for year in {figure["period_start"][:4], figure["period_end"][:4]}:
            first = max(figure["period_start"], f"{year}-01-01")
            last = min(figure["period_end"], f"{year}-12-31")
            if year in years:
                first, last = min(first, years[year][0]), max(last, years[year][1])
            years[year] = (first, last)
    return years


def build_report(db, questionnaire, first: date, last: date, lang: str, config) -> dict:
    """Everything the report shows for the local days first..last, formatted for `lang`."""
    zone, min_n = config["TIMEZONE"], config["MIN_RESPONSES"]
    start, end = clock.day_range(first, last, zone)

    def desk_name(desk_id):
        desk = questionnaire.desk(desk_id)
        return questionnaire.text(desk.name, lang) if desk else desk_id

    summaries = stats.summarise_rows(store.rating_distribution(db, start, end))
    ratings = []
    for question in questionnaire.rating_questions():
        rows = []
        for desk_id in question.desks:
            summary = summaries.get((desk_id, question.id)) or stats.summarise({})
            row = {"desk": desk_name(desk_id), "n": summary.n, "mean": None, "ci": None}
            if summary.n >= min_n:
                row["mean"] = format_mean(summary, lang)
                row["ci"] = (
                    f"{format_number(summary.ci[0], lang, 2)}–{format_number(summary.ci[1], lang, 2)}"
                )
            rows.append(row)
        ratings.append({"text": questionnaire.text(question.text, lang), "rows": rows})

    figures = store.figures_within(db, first.isoformat(), last.isoformat())
    covered = coverage(figures)
    partial = {
        year: span
        for year, span in covered.items()
        if span[0] > f"{year}-01-01" or span[1] < f"{year}-12-31"
    }

    def year_label(year: str) -> str:
        return year + ("*" if any(y in partial for y in year.split("–")) else "")

    yearly = []
    for metric in YEARLY_METRICS:
        by_desk: dict[str, dict[str, int]] = {}
        for figure in figures:
            if figure["metric"] == metric:
                years = by_desk.setdefault(figure["desk_id"], {})
                years[figure_year(figure)] = years.get(figure_year(figure), 0) + figure["value"]
        for desk_id, years in by_desk.items():
            if metric == "clients":
                title = _("Total number of clients at the %(desk)s desk", desk=desk_name(desk_id))
            else:
                title = _("Total number of residence documents issued (%(desk)s)", desk=desk_name(desk_id))  # fmt: skip
            yearly.append(
                {
                    "title": title,
                    "rows": [
                        (year_label(year), format_number(total, lang))
                        for year, total in sorted(years.items())
                    ],
                }
            )

    oss: dict[str, list[int]] = {}
    for figure in figures:
        if figure["metric"] in (OSS, OSS_NON_EU):
            totals = oss.setdefault(figure_year(figure), [0, 0])
            totals[0 if figure["metric"] == OSS else 1] += figure["value"]
    oss_rows = [
        {
            "year": year_label(year),
            "total": format_number(total, lang),
            "non_eu": format_number(non_eu, lang),
            "share": format_percent(non_eu / total, lang) if total else "–",
        }
        for year, (total, non_eu) in sorted(oss.items())
    ]

    service_figures = [f for f in figures if f["metric"] in SERVICES]
    services = None
    if service_figures:
        names = {
            "service_biometrics": _("Biometrics"),
            "service_residence_permit": _("Residence permit"),
            "service_return_visa": _("Return visa"),
        }
        totals = {m: sum(f["value"] for f in service_figures if f["metric"] == m) for m in SERVICES}
        since = date.fromisoformat(min(f["period_start"] for f in service_figures))
        years = {y for f in service_figures for y in (f["period_start"][:4], f["period_end"][:4])}
        services = {
            "since": format_date(since, format="MMMM y", locale=lang),
            "rows": [(names[m], format_number(totals[m], lang)) for m in SERVICES if totals[m]],
            "total": format_number(sum(totals.values()), lang),
            "partial": any(y in partial for y in years),
        }

    footnotes = []
    for year, (first_day, last_day) in sorted(partial.items()):
        first_date, last_date = date.fromisoformat(first_day), date.fromisoformat(last_day)
        if first_day > f"{year}-01-01" and last_day < f"{year}-12-31":
            text = _("%(year)s figures from %(first)s up to %(last)s", year=year, first=format_day(first_date, lang), last=format_day(last_date, lang))  # fmt: skip
        elif last_day < f"{year}-12-31":
            text = _("%(year)s figures up to %(last)s", year=year, last=format_day(last_date, lang))
        else:
            text = _(
                "%(year)s figures from %(first)s", year=year, first=format_day(first_date, lang)
            )
        footnotes.append("* " + text)

    notes = [
        {
            "from": format_day(date.fromisoformat(note["starts_on"]), lang),
            "to": format_day(date.fromisoformat(note["ends_on"]), lang),
            "desk": desk_name(note["desk_id"]) if note["desk_id"] else None,
            "text": note["text"],
        }
        for note in store.notes_overlapping(db, first.isoformat(), last.isoformat())
    ]

    quotes_by_question: dict[str, list[dict]] = {}
    for quote in store.selected_quotes(
        db, start, end, require_approval=config.get("FOUR_EYES", False)
    ):
        quotes_by_question.setdefault(quote["question_id"], []).append(quote)
    quotes = [
        {"text": questionnaire.text(q.text, lang), "quotes": quotes_by_question[q.id]}
        for q in questionnaire.questions
        if (q.kind == "text" or q.comment) and quotes_by_question.get(q.id)
    ]
    return {
        "first": first,
        "last": last,
        "period_text": _(
            "%(first)s to %(last)s", first=format_day(first, lang), last=format_day(last, lang)
        ),  # fmt: skip
        "ratings": ratings,
        "yearly": yearly,
        "oss": oss_rows,
        "services": services,
        "footnotes": footnotes,
        "notes": notes,
        "quotes": quotes,
        "min_n": min_n,
        "lang": lang,
    }


def default_span(db, zone: str) -> tuple[date, date]:
    """The days from the first to the last stored rating (today when there is none)."""
    first, last = store.rating_time_span(db)
    if first is None:
        today = clock.now().date()
        return today, today
    return clock.local(first, zone).date(), clock.local(last, zone).date()


def report_css() -> str:
    """The report's own CSS (screen and A4 print), inlined into the standalone file."""
    return (STATIC / "report.css").read_text(encoding="utf-8")


def render_standalone(data: dict) -> str:
    """The self-contained report file: one HTML page, CSS inlined, nothing loaded from elsewhere."""
    return render_template("coordinator/report_file.html", css=report_css(), data=data)


@bp.get("/report")
@auth.login_required
def report():
    """The pilot overview for ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: all stored ratings)."""
    db = get_db()
    zone = current_app.config["TIMEZONE"]
    default_first, default_last = default_span(db, zone)
    error = None
    try:
        first = clock.parse_day(request.args["from"]) if request.args.get("from") else default_first
        last = clock.parse_day(request.args["to"]) if request.args.get("to") else default_last
        if first > last:
            error = _("The first day lies after the last day.")
    except ValueError as problem:
        error = str(problem)
    if error:
        return render_template("coordinator/report.html", error=error, data=None), 400
    lang = str(get_locale() or "en")
    data = build_report(db, current_app.extensions["survey"], first, last, lang, current_app.config)
    if request.args.get("download"):
        filename = f"survey-report-{first.isoformat()}-{last.isoformat()}.html"
        return Response(
            render_standalone(data),
            mimetype="text/html",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return render_template("coordinator/report.html", error=None, data=data)


@bp.record_once
def add_short_report_url(state):
    """/report at the top level, for a link that is easy to type; keeps the query string."""

    def short_report():
        target = url_for("coordinator.report")
        query = request.query_string.decode("latin-1")
        return redirect(f"{target}?{query}" if query else target)

    state.app.add_url_rule("/report", "report", short_report)
