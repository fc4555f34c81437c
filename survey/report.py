"""The pilot report: the public overview's structure, rebuilt from stored data for any period.

The same model and partial template back the coordinator page (/coordinator/report) and the
self-contained file that `survey report` writes; nothing here needs a request.
"""

from __future__ import annotations

import functools
import math
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import charts, clock, formatting, i18n, overview, periods, stats, store

PACKAGE = Path(__file__).resolve().parent

YEARLY_METRICS = ("clients", "documents_issued")
OSS, OSS_NON_EU = "oss_appointments", "oss_non_eu"
SERVICES = ("service_biometrics", "service_residence_permit", "service_return_visa")


def report_day(day: date, lang: str) -> str:
    """A day as the report writes it: 30 June 2021 / 30 juni 2021."""
    return formatting.day(day, lang, "d MMMM y")


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


NARRATIVE = ("introduction", "progress", "outlook")
DEFAULT_QUOTES = 2  # per question, as the seed shows


def narrative(texts: dict[str, dict[str, str]], lang: str) -> dict[str, list[str]]:
    """Each narrative section in `lang` (English where it has none) as paragraphs; empty ones out."""
    found = {}
    for section in NARRATIVE:
        text = (texts.get(lang) or {}).get(section) or (texts.get("en") or {}).get(section) or ""
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        if paragraphs:
            found[section] = paragraphs
    return found


def build(db, questionnaire, first: date, last: date, lang: str, config, choices=None) -> dict:
    """Everything the report shows for the local days first..last, formatted for `lang`.

    `choices` (an overviews.Choices) narrows desks and quotes, moves the figures' first day
    (a baseline year) and the quotes' period, and brings title and narrative; None: defaults.
    """
    zone, min_n = config["TIMEZONE"], config["MIN_RESPONSES"]
    start, end = clock.day_range(first, last, zone)
    _ = i18n.translator(lang)
    desks = list(choices.desks) if choices and choices.desks else None
    shown = desks or [d.id for d in questionnaire.desks]

    def desk_name(desk_id):
        return questionnaire.desk_name(desk_id, lang)

    distribution = list(store.rating_distribution(db, start, end, desks))
    summaries = stats.summarise_rows(distribution)
    ratings = []
    for question in questionnaire.rating_questions():
        rows = []
        for desk_id in question.desks:
            if desk_id not in shown:
                continue
            summary = summaries.get((desk_id, question.id)) or stats.summarise({})
            row = {"desk": desk_name(desk_id), "n": summary.n, "mean": None, "ci": None}
            if summary.n >= min_n:
                row["mean"] = formatting.mean(summary, lang)
                row["ci"] = formatting.interval(summary.ci, lang)
            rows.append(row)
        if any(row["n"] for row in rows):  # a question nobody answered takes no room
            ratings.append({"id": question.id, "text": questionnaire.text(question.text, lang), "rows": rows})  # fmt: skip

    figures_first = (choices.figures_first if choices else None) or first
    figures = store.figures_within(db, figures_first.isoformat(), last.isoformat(), desks)
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
                # No brackets around the desk: its name may carry its own ("IND (immigration service)").
                title = _("Total number of residence documents issued by %(desk)s", desk=desk_name(desk_id))  # fmt: skip
            yearly.append(
                {
                    "title": title,
                    "rows": [
                        (year_label(year), formatting.number(total, lang))
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
            "total": formatting.number(total, lang),
            "non_eu": formatting.number(non_eu, lang),
            "share": formatting.percent(non_eu / total, lang) if total else "–",
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
            "since": formatting.day(since, lang, "MMMM y"),
            "rows": [(names[m], formatting.number(totals[m], lang)) for m in SERVICES if totals[m]],
            "total": formatting.number(sum(totals.values()), lang),
            "partial": any(y in partial for y in years),
        }

    footnotes = []
    for year, (first_day, last_day) in sorted(partial.items()):
        first_date, last_date = date.fromisoformat(first_day), date.fromisoformat(last_day)
        if first_day > f"{year}-01-01" and last_day < f"{year}-12-31":
            text = _("%(year)s figures from %(first)s up to %(last)s", year=year, first=report_day(first_date, lang), last=report_day(last_date, lang))  # fmt: skip
        elif last_day < f"{year}-12-31":
            text = _("%(year)s figures up to %(last)s", year=year, last=report_day(last_date, lang))
        else:
            text = _(
                "%(year)s figures from %(first)s", year=year, first=report_day(first_date, lang)
            )
        footnotes.append("* " + text)

    stored_notes = store.notes_overlapping(db, first.isoformat(), last.isoformat(), desks)
    notes = [
        {
            "from": report_day(date.fromisoformat(note["starts_on"]), lang),
            "to": report_day(date.fromisoformat(note["ends_on"]), lang),
            "desk": desk_name(note["desk_id"]) if note["desk_id"] else None,
            "text": store.note_text(note, lang),
        }
        for note in stored_notes
    ]

    return {
        "first": first,
        "last": last,
        "title": (choices.title if choices else "") or _("Client satisfaction overview"),
        "narrative": narrative(choices.narrative if choices else {}, lang),
        "period_text": _(
            "%(first)s to %(last)s", first=report_day(first, lang), last=report_day(last, lang)
        ),  # fmt: skip
        "ratings": ratings,
        "yearly": yearly,
        "oss": oss_rows,
        "services": services,
        "footnotes": footnotes,
        "notes": notes,
        "quotes": quote_blocks(db, questionnaire, lang, config, choices, (start, end), desks),
        "trend": trend(
            db, ratings, distribution, (first, last, start, end), stored_notes, lang, config
        ),  # fmt: skip
        "min_n": min_n,
        "lang": lang,
    }


def quote_blocks(db, questionnaire, lang, config, choices, span, desks) -> list[dict]:
    """Per chosen question, its first quotes from the quotes' period (default: the rating period)."""
    start, end = span
    if choices and (choices.quotes_first or choices.quotes_last):
        start, end = clock.day_range(choices.quotes_first, choices.quotes_last, config["TIMEZONE"])
    counts = dict(choices.quote_counts) if choices else {}
    by_question: dict[str, list[dict]] = {}
    for quote in store.selected_quotes(db, start, end, desks, require_approval=config["FOUR_EYES"]):
        by_question.setdefault(quote["question_id"], []).append(quote)
    blocks = []
    for question in questionnaire.questions:
        if not (question.kind == "text" or question.comment):
            continue
        limit = counts.get(question.id, DEFAULT_QUOTES)
        found = by_question.get(question.id, [])[:limit]
        if found:
            blocks.append({"text": questionnaire.text(question.text, lang), "quotes": found})
    return blocks


def trend(db, ratings, distribution, days, notes, lang, config) -> str | None:
    """One chart: the monthly mean of each rating question asked at several desks (all desks
    pooled), with the period notes as bands; None when no month has enough responses."""
    first, last, start, end = days
    _ = i18n.translator(lang)
    labels = periods.month_labels(first, last, set())
    questions = [q for q in ratings if len(q["rows"]) > 1]
    wanted = {q["id"] for q in questions}
    keys = [(r["desk_id"], r["question_id"], r["value"]) for r in distribution if r["question_id"] in wanted]  # fmt: skip
    months: dict[tuple[str, int], list[int]] = {}
    for bucket, _desk, question_id, value, n in store.bucket_value_counts(
        db, keys, periods.month_bounds(labels, start, end, config["TIMEZONE"])
    ):
        months.setdefault((question_id, bucket), [0] * 5)[value - 1] += n
    series = []
    for question in questions:
        values = []
        for index in range(len(labels)):
            counts = months.get((question["id"], index))
            summary = stats.summarise(dict(zip(stats.SCALE, counts, strict=True))) if counts else None  # fmt: skip
            values.append(summary.mean if summary and summary.n >= config["MIN_RESPONSES"] else None)  # fmt: skip
        series.append((question["text"], values))
    if not any(v is not None for _name, values in series for v in values):
        return None
    # The seed's means lie between 4 and 5: a 1-5 axis would flatten every line into its top.
    low = max(1, min(math.floor(v) for _name, values in series for v in values if v is not None))
    bands = [
        band
        for note in notes
        if (band := overview.note_band({**note, "text": store.note_text(note, lang)}, labels))
    ]
    return charts.line_chart(
        "report-trend",
        _("Monthly mean rating, all desks"),
        _(
            "Mean rating per month on a scale of 1-5; months without enough responses are gaps. Shaded: period notes."
        ),  # fmt: skip
        labels,
        series,
        bands,
        y_range=(min(low, 4), 5),
        fmt=lambda v: formatting.number(v, lang, 1),
    )


def default_span(db, zone: str) -> tuple[date, date]:
    """The days from the first to the last stored rating (today when there is none)."""
    first, last = store.rating_time_span(db)
    if first is None:
        today = clock.now().date()
        return today, today
    return clock.local(first, zone).date(), clock.local(last, zone).date()


def report_css() -> str:
    """The report's own CSS (screen and A4 print), inlined into the standalone file."""
    return (PACKAGE / "static" / "report.css").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=8)
def _templates(lang: str) -> Environment:
    """Jinja with the app's templates and `lang`'s interface strings, as Flask-Babel sets it up."""
    environment = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(i18n.translations(lang), newstyle=True)
    return environment


def render_standalone(data: dict) -> str:
    """The self-contained report file: one HTML page, CSS inlined, nothing loaded from elsewhere."""
    template = _templates(data["lang"]).get_template("report/file.html")
    return template.render(css=report_css(), data=data)
