"""The pilot report: the public overview's structure, rebuilt from stored data for any period.

The same model and partial template back the coordinator page (/coordinator/report) and the
self-contained file that `survey report` writes; nothing here needs a request.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import clock, formatting, i18n, stats, store

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


def build(db, questionnaire, first: date, last: date, lang: str, config) -> dict:
    """Everything the report shows for the local days first..last, formatted for `lang`."""
    zone, min_n = config["TIMEZONE"], config["MIN_RESPONSES"]
    start, end = clock.day_range(first, last, zone)
    _ = i18n.translator(lang)

    def desk_name(desk_id):
        return questionnaire.desk_name(desk_id, lang)

    summaries = stats.summarise_rows(store.rating_distribution(db, start, end))
    ratings = []
    for question in questionnaire.rating_questions():
        rows = []
        for desk_id in question.desks:
            summary = summaries.get((desk_id, question.id)) or stats.summarise({})
            row = {"desk": desk_name(desk_id), "n": summary.n, "mean": None, "ci": None}
            if summary.n >= min_n:
                row["mean"] = formatting.mean(summary, lang)
                row["ci"] = formatting.interval(summary.ci, lang)
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

    notes = [
        {
            "from": report_day(date.fromisoformat(note["starts_on"]), lang),
            "to": report_day(date.fromisoformat(note["ends_on"]), lang),
            "desk": desk_name(note["desk_id"]) if note["desk_id"] else None,
            "text": note["text"],
        }
        for note in store.notes_overlapping(db, first.isoformat(), last.isoformat())
    ]

    quotes_by_question: dict[str, list[dict]] = {}
    for quote in store.selected_quotes(db, start, end, require_approval=config["FOUR_EYES"]):
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
            "%(first)s to %(last)s", first=report_day(first, lang), last=report_day(last, lang)
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
