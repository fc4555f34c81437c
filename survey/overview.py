"""The dashboard as plain data and SVG strings, one function per page section.

The ratings are read once: the counts per desk, question, value and local calendar month
(index seeks on a covering index, store.bucket_value_counts) give the trend lines, and their
sums give each question's distribution, mean, interval and CSAT. Nothing here needs a request:
the page passes its language. The hours page lives in hours.py.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from . import alerts, charts, clock, formatting, i18n, stats, store
from .periods import Period, month_bounds, month_labels
from .questionnaire import Questionnaire
from .vocabulary import COMMENT_LABELS, TOPICS

LABELS = (*COMMENT_LABELS, "untagged")  # the dashboard also counts comments not yet tagged


@dataclass
class Scope:
    """What a page shows: desks (none = every desk), period, language, and the instance settings."""

    db: object
    questionnaire: Questionnaire
    period: Period
    desks: list[str]
    lang: str
    zone: str
    min_n: int
    start: str | None = field(init=False)
    end: str | None = field(init=False)

    def __post_init__(self):
        self.start, self.end = self.period.bounds(self.zone)
        self._ = i18n.translator(self.lang)

    @property
    def desk_filter(self) -> list[str] | None:
        """The desks for a store query (None = every desk)."""
        return self.desks or None

    @property
    def desk_ids(self) -> list[str]:
        """The desks shown, in questionnaire order when none is chosen."""
        return self.desks or [d.id for d in self.questionnaire.desks]

    def desk_name(self, desk_id: str) -> str:
        """A desk's name in the page's language."""
        return self.questionnaire.desk_name(desk_id, self.lang)

    def number(self, value: float, decimals: int = 0) -> str:
        """A number in the page's language."""
        return formatting.number(value, self.lang, decimals)

    def percent(self, share: float) -> str:
        """A share as a percentage in the page's language."""
        return formatting.percent(share, self.lang)


def scope(db, questionnaire, period: Period, desks: list[str], lang: str, config) -> Scope:
    """The Scope of a page from its filters and the instance settings."""
    return Scope(
        db, questionnaire, period, desks, lang, config["TIMEZONE"], config["MIN_RESPONSES"]
    )


def note_band(note: dict, labels: list[str]) -> tuple[float, float, str] | None:
    """A note's span in month-axis units (month i covers [i, i + 1)), clipped to the axis."""
    if not labels:
        return None

    def position(day: date, end: bool) -> float:
        month = f"{day.year:04d}-{day.month:02d}"
        if month < labels[0]:
            return 0.0
        if month > labels[-1]:
            return float(len(labels))
        length = calendar.monthrange(day.year, day.month)[1]
        return labels.index(month) + (day.day - (0 if end else 1)) / length

    first = position(date.fromisoformat(note["starts_on"]), end=False)
    last = position(date.fromisoformat(note["ends_on"]), end=True)
    return (first, last, note["text"]) if last > first else None


def counts_dict(counts: list[int]) -> dict[int, int]:
    """[n1..n5] as value -> count."""
    return dict(zip(stats.SCALE, counts, strict=True))


def comparison_texts(rows, desk_name: Callable[[str], str], lang: str = "en") -> list[str]:
    """What the intervals allow us to say about desk differences, pair by pair."""
    _ = i18n.translator(lang)
    shown = [(r["desk_id"], r["summary"]) for r in rows if r["status"] == "ok"]
    if len(shown) < 2:
        return []
    pairs = list(combinations(shown, 2))
    if all(stats.overlaps(a, b) for (_desk, a), (_other, b) in pairs):
        return [_("The intervals of all desks overlap: the data do not show that any desk is rated higher than another, so the desks are not ranked.")]  # fmt: skip
    texts = []
    for (desk_a, a), (desk_b, b) in pairs:
        if stats.overlaps(a, b):
            texts.append(
                _(
                    "%(a)s and %(b)s: intervals overlap, no ranking.",
                    a=desk_name(desk_a),
                    b=desk_name(desk_b),
                )  # fmt: skip
            )
        else:
            high, low = (desk_a, desk_b) if a.mean > b.mean else (desk_b, desk_a)
            texts.append(
                _(
                    "%(high)s is rated higher than %(low)s (the intervals do not overlap).",
                    high=desk_name(high),
                    low=desk_name(low),
                )  # fmt: skip
            )
    return texts


def rating_questions(view: Scope, distribution: list[dict]) -> list[dict]:
    """Per rating question and desk: mean, interval, CSAT and distribution, with comparisons."""
    _ = view._
    totals = stats.summarise_rows(distribution)

    def status(summary):
        if summary.n == 0:
            return "none"
        return "few" if summary.n < view.min_n else "ok"

    questions = []
    for question in view.questionnaire.rating_questions():
        rows = []
        for desk_id in question.desks:
            if desk_id not in view.desk_ids:
                continue
            summary = totals.get((desk_id, question.id)) or stats.summarise({})
            row = {"desk_id": desk_id, "name": view.desk_name(desk_id), "summary": summary}
            row["status"] = status(summary)
            if row["status"] == "ok":
                row["mean"] = formatting.mean(summary, view.lang)
                row["ci"] = formatting.interval(summary.ci, view.lang)
                row["csat"] = view.percent(summary.csat)
                row["svg"] = charts.distribution_bar(
                    f"dist-{question.id}-{desk_id}",
                    _("Distribution of ratings 1 to 5: %(desk)s", desk=row["name"]),
                    summary.distribution,
                )
            rows.append(row)
        if not rows:
            continue
        text = view.questionnaire.text(question.text, view.lang)
        questions.append(
            {
                "question": question,
                "text": text,
                "rows": rows,
                "comparison": comparison_texts(rows, view.desk_name, view.lang),
                "interval_svg": interval_chart(view, question.id, text, rows),
            }
        )
    return questions


def interval_chart(view: Scope, question_id: str, text: str, rows: list[dict]) -> str | None:
    """Mean and 95% interval per desk with enough responses, or None when no desk has enough."""
    ok = [r for r in rows if r["status"] == "ok"]
    if not ok:
        return None
    return charts.interval_chart(
        f"ci-{question_id}",
        view._("Mean and 95%% interval per desk: %(q)s", q=text),
        "; ".join(f"{r['name']}: {r['mean']} ({r['ci']}), n = {r['summary'].n}" for r in ok),
        [(r["name"], r["summary"].mean, *r["summary"].ci) for r in ok],
        fmt=lambda v: view.number(v, 2),
    )


def axis_months(view: Scope) -> list[str]:
    """The trend charts' months: the period's, or those with ratings when an end is open."""
    period = view.period
    seen = set()
    if period.first is None or period.last is None:  # open ends follow the stored ratings
        seen = {
            clock.local(t, view.zone).strftime("%Y-%m")
            for t in store.rating_time_span(view.db)
            if t
        }
    return month_labels(period.first, period.last, seen)


def period_notes(view: Scope, labels: list[str]) -> list[dict]:
    """The period notes that overlap the period (open ends: the months on the axis)."""
    first_day, last_day = view.period.first, view.period.last
    if labels:
        first_day = first_day or date.fromisoformat(labels[0] + "-01")
        last_day = last_day or date.fromisoformat(labels[-1] + "-28")
    notes = store.notes_overlapping(
        view.db,
        first_day.isoformat() if first_day else None,
        last_day.isoformat() if last_day else None,
        view.desk_filter,
    )
    return [{**note, "text": store.note_text(note, view.lang)} for note in notes]


def monthly_counts(view: Scope, labels: list[str]) -> list[tuple[int, str, str, int, int]]:
    """(month index, desk, question, value, count) of every rating the page shows, one pass.

    The months cover the period without a gap (open ends reach the first and last rating), so
    their counts add up to the period's distribution: the dashboard reads its ratings once.
    """
    keys = [
        (desk_id, question.id, value)
        for question in view.questionnaire.rating_questions()
        for desk_id in question.desks
        if desk_id in view.desk_ids
        for value in range(1, 6)
    ]
    bounds = month_bounds(labels, view.start, view.end, view.zone)
    return store.bucket_value_counts(view.db, keys, bounds)


def distribution_of(monthly: list[tuple[int, str, str, int, int]]) -> list[dict]:
    """The period's counts per desk, question and value (store.rating_distribution's rows)."""
    totals: dict[tuple[str, str, int], int] = {}
    for _bucket, desk, question_id, value, n in monthly:
        if n:
            totals[(desk, question_id, value)] = totals.get((desk, question_id, value), 0) + n
    return [
        {"desk_id": desk, "question_id": question_id, "value": value, "n": n}
        for (desk, question_id, value), n in sorted(totals.items())
    ]


def trends(
    view: Scope, questions: list[dict], monthly: list[tuple], labels: list[str], notes
) -> list[dict]:
    """Per rating question: the monthly mean per desk as a line chart with a table."""
    _ = view._
    months: dict[tuple[str, str, str], list[int]] = {}
    for bucket, desk, question_id, value, n in monthly:
        if n:
            months.setdefault((desk, question_id, labels[bucket]), [0] * 5)[value - 1] += n
    # The axis spans the months that hold ratings in the period, not the period's empty ends
    # ("all time" would otherwise run to today and squeeze two years into a corner).
    held = sorted({month for _desk, _question, month in months})
    if held:
        labels = labels[labels.index(held[0]) : labels.index(held[-1]) + 1]
    bands = [band for note in notes if (band := note_band(note, labels))]
    found = []
    for question in questions:
        q = question["question"]
        series, table = [], []
        for row in question["rows"]:
            if row["status"] == "none":
                continue  # no line and no legend entry for a desk without a single answer
            values, cells = [], []
            for month in labels:
                counts = months.get((row["desk_id"], q.id, month))
                summary = stats.summarise(counts_dict(counts)) if counts else None
                if summary is None or summary.n == 0:
                    values.append(None)
                    cells.append("")
                elif summary.n < view.min_n:
                    values.append(None)
                    cells.append(_("too few responses"))
                else:
                    values.append(summary.mean)
                    cells.append(f"{view.number(summary.mean, 2)} (n = {summary.n})")
            series.append((row["name"], values))
            table.append((row["name"], cells))
        if not labels:
            continue
        svg = charts.line_chart(
            f"trend-{q.id}",
            _("Monthly mean per desk: %(q)s", q=question["text"]),
            _(
                "Mean rating per month on a scale of 1-5; months without enough responses are gaps. The table below lists every value."
            ),
            labels,
            series,
            bands,
            fmt=lambda v: view.number(v, 1),
        )
        found.append({"text": question["text"], "svg": svg, "labels": labels, "table": table})
    return found


def sentiment_rows(view: Scope) -> list[tuple[str, dict[str, int]]]:
    """Comment labels counted per desk (untagged comments as such), desks in page order."""
    counted: dict = {}
    for desk_id, label, count in store.comment_label_counts(
        view.db, view.start, view.end, view.desk_filter
    ):
        key = label if label in LABELS else "untagged"
        counted.setdefault(desk_id, dict.fromkeys(LABELS, 0))[key] += count
    return [
        (view.desk_name(d) if d else view._("Questions for every visit"), counted[d])
        for d in [*view.desk_ids, None]
        if d in counted
    ]


def quotes(view: Scope, four_eyes: bool) -> list[dict]:
    """The selected (and, under the four-eyes rule, approved) quotes, with question and desk."""
    found = []
    for quote in store.selected_quotes(
        view.db, view.start, view.end, view.desk_filter, require_approval=four_eyes
    ):
        question = view.questionnaire.question(quote["question_id"])
        quote["question"] = (
            view.questionnaire.text(question.text, view.lang) if question else quote["question_id"]
        )
        quote["desk"] = view.desk_name(quote["desk_id"]) if quote["desk_id"] else ""
        found.append(quote)
    return found


def response_rates(view: Scope) -> list[dict]:
    """Responses against the "clients" figures of each figure period that overlaps the period."""
    period = view.period
    first_iso = period.first.isoformat() if period.first else None
    last_iso = period.last.isoformat() if period.last else None
    figures = store.figures_overlapping(view.db, first_iso, last_iso, "clients", view.desk_filter)
    rates, responses_cache = [], {}
    for figure in figures:
        bounds = clock.day_range(
            date.fromisoformat(figure["period_start"]),
            date.fromisoformat(figure["period_end"]),
            view.zone,
        )
        if bounds not in responses_cache:
            responses_cache[bounds] = store.responses_per_desk(view.db, *bounds)
        answered = responses_cache[bounds].get(figure["desk_id"], 0)
        rates.append(
            {
                "desk": view.desk_name(figure["desk_id"]),
                "period": f"{figure['period_start']} – {figure['period_end']}",
                "responses": view.number(answered),
                "clients": view.number(figure["value"]),
                "rate": view.percent(answered / figure["value"]) if figure["value"] else "–",
            }
        )
    return rates


def visit_rates(view: Scope) -> list[dict]:
    """Armed visits per desk and how many came back as a survey."""
    return [
        {
            "desk": view.desk_name(desk_id),
            "armed": view.number(armed),
            "answered": view.number(answered),
            "rate": view.percent(answered / armed) if armed else "–",
        }
        for desk_id, (armed, answered) in sorted(
            store.visit_counts(view.db, view.start, view.end, view.desk_filter).items()
        )
    ]


def alert_trips(view: Scope, rules: list) -> list[dict]:
    """The alert rules that are tripped now, with desk name and share."""
    return [
        {"trip": trip, "desk": view.desk_name(trip.desk_id), "share": view.percent(trip.share)}
        for trip in alerts.check(view.db, rules=rules)
    ]


def topic_table(
    db, start: str | None, end: str | None, desks: list[str] | None = None
) -> dict[str, list[dict]]:
    """Desk -> rows {topic, negative, neutral, positive, total}, most negative comments first."""
    table: dict[str, dict[str, dict]] = {}
    for desk, topic, label, count in store.comment_topic_counts(db, start, end, desks):
        if desk is None or topic not in TOPICS:
            continue
        row = table.setdefault(desk, {}).setdefault(
            topic, {"topic": topic, "negative": 0, "neutral": 0, "positive": 0, "total": 0}
        )
        if label in ("negative", "neutral", "positive"):
            row[label] += count
        row["total"] += count
    return {
        desk: sorted(rows.values(), key=lambda r: (-r["negative"], -r["total"], r["topic"]))
        for desk, rows in table.items()
    }


def topic_rows(view: Scope) -> list[tuple[str, str, list[dict]]]:
    """(desk id, desk name, topic rows) per desk, for the dashboard's topic x sentiment table."""
    table = topic_table(view.db, view.start, view.end, view.desk_filter)
    return [(desk_id, view.desk_name(desk_id), rows) for desk_id, rows in table.items()]


def dashboard(db, questionnaire, period: Period, desks: list[str], lang: str, config) -> dict:
    """Everything the dashboard shows, as plain data and SVG strings."""
    view = scope(db, questionnaire, period, desks, lang, config)
    labels = axis_months(view)
    monthly = monthly_counts(view, labels)
    questions = rating_questions(view, distribution_of(monthly))
    notes = period_notes(view, labels)
    rules = store.alert_rules(db)
    sentiment = sentiment_rows(view)
    return {
        "questions": questions,
        "trends": trends(view, questions, monthly, labels, notes),
        "notes": notes,
        "sentiment": sentiment,
        "topic_rows": topic_rows(view),
        # Comments are tagged as the page opens, so "untagged" shows only while some still wait
        # (after a backlog larger than one page view tags).
        "labels": LABELS if any(counts["untagged"] for _, counts in sentiment) else COMMENT_LABELS,
        "quotes": quotes(view, config["FOUR_EYES"]),
        "rates": response_rates(view),
        "visits": visit_rates(view),
        "rules": rules,
        "trips": alert_trips(view, rules),
        "min_n": view.min_n,
        "zone": view.zone,
        "desk_name": view.desk_name,
    }
