"""The dashboard: per desk and question for a chosen period, trends, alerts; the hours page.

Every figure comes from a grouped query on a covering index: the value counts per desk and
question (store.rating_distribution), the same counts per local calendar month (index seeks,
store.bucket_value_counts) and, on the separate hours page, sums per UTC hour that Python folds
into local weekday x hour cells.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import combinations
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from .. import alerts, auth, charts, clock, stats, store, topic_overview
from ..db import get_db
from . import bp
from .forms import AlertRuleForm
from .report import format_mean, format_number, format_percent

PERIODS = {
    "month": _l("This month"),
    "quarter": _l("This quarter"),
    "year": _l("This year"),
    "range": _l("Custom range"),
    "all": _l("All time"),
}
WEEKDAYS = (_l("Mon"), _l("Tue"), _l("Wed"), _l("Thu"), _l("Fri"), _l("Sat"), _l("Sun"))
LABELS = ("positive", "neutral", "negative", "untagged")


@dataclass(frozen=True)
class Period:
    kind: str
    first: date | None  # local calendar days, inclusive; None = open
    last: date | None

    def bounds(self, zone: str) -> tuple[str | None, str | None]:
        """Stored-timestamp bounds [start, end)."""
        return clock.day_range(self.first, self.last, zone)

    def query(self) -> dict[str, str]:
        """The URL parameters that select this period."""
        params = {"period": self.kind}
        if self.kind == "range":
            params["from"] = self.first.isoformat() if self.first else ""
            params["to"] = self.last.isoformat() if self.last else ""
        return params


def resolve_period(kind: str, first: str | None, last: str | None, today: date) -> Period:
    """The period a picker choice means on `today`; ValueError with a message if invalid."""
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return Period(kind, start, today)
    if kind == "year":
        return Period(kind, today.replace(month=1, day=1), today)
    if kind == "all":
        return Period(kind, None, None)
    if kind == "range":
        first_day = clock.parse_day(first) if first else None
        last_day = clock.parse_day(last) if last else None
        if first_day and last_day and first_day > last_day:
            raise ValueError(_("The first day lies after the last day."))
        return Period(kind, first_day, last_day)
    raise ValueError(_("Unknown period '%(kind)s'.", kind=kind))


def fold_hours(rows, zone: str) -> dict[tuple[str, int, int], list[int]]:
    """Fold (UTC hour, desk, n, sum) rows into (desk, local weekday, local hour) -> [n, sum].

    Exact for zones with whole-hour offsets (Europe/Amsterdam, also across DST changes, because
    each UTC hour is converted on its own).
    """
    tz = ZoneInfo(zone)
    local_hours: dict[str, tuple[int, int]] = {}
    cells: dict[tuple[str, int, int], list[int]] = {}
    for hour, desk, n, total in rows:
        place = local_hours.get(hour)
        if place is None:
            moment = datetime.strptime(hour, "%Y-%m-%dT%H").replace(tzinfo=UTC).astimezone(tz)
            place = local_hours[hour] = (moment.weekday(), moment.hour)
        cell = cells.setdefault((desk, *place), [0, 0])
        cell[0] += n
        cell[1] += total
    return cells


def month_bounds(
    labels: list[str], start: str | None, end: str | None, zone: str
) -> list[tuple[str | None, str | None]]:
    """Stored-time bounds of each local month ('YYYY-MM'), clipped to [start, end)."""
    bounds = []
    for label in labels:
        first = date.fromisoformat(label + "-01")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        low, high = clock.day_range(first, last, zone)
        bounds.append((max(low, start) if start else low, min(high, end) if end else high))
    return bounds


def month_labels(first: date | None, last: date | None, seen: set[str]) -> list[str]:
    """Every month from first to last ('YYYY-MM'); open ends follow the months with data."""
    if first is None or last is None:
        if not seen:
            return []
        start = first or date.fromisoformat(min(seen) + "-01")
        end = last or date.fromisoformat(max(seen) + "-01")
    else:
        start, end = first, last
    labels, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


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


def chosen_desks(questionnaire) -> list[str]:
    """The desk filter from the URL (?desk=a&desk=b); unknown desks are a 404."""
    desks = list(dict.fromkeys(request.args.getlist("desk")))
    known = {d.id for d in questionnaire.desks}
    if any(d not in known for d in desks):
        abort(404)
    return desks


def comparison_texts(rows, desk_name) -> list[str]:
    """What the intervals allow us to say about desk differences, pair by pair."""
    shown = [(r["desk_id"], r["summary"]) for r in rows if r["status"] == "ok"]
    if len(shown) < 2:
        return []
    pairs = list(combinations(shown, 2))
    if all(stats.overlaps(a, b) for (_, a), (_, b) in pairs):
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


def build(db, questionnaire, period: Period, desks: list[str], lang: str, config) -> dict:
    """Everything the dashboard shows, as plain data and SVG strings."""
    zone, min_n = config["TIMEZONE"], config["MIN_RESPONSES"]
    start, end = period.bounds(zone)
    distribution = list(store.rating_distribution(db, start, end, desks or None))
    totals = stats.summarise_rows(distribution)
    desk_ids = desks or [d.id for d in questionnaire.desks]

    def desk_name(desk_id):
        desk = questionnaire.desk(desk_id)
        return questionnaire.text(desk.name, lang) if desk else desk_id

    def status(summary):
        if summary.n == 0:
            return "none"
        return "few" if summary.n < min_n else "ok"

    questions = []
    for question in questionnaire.rating_questions():
        rows = []
        for desk_id in question.desks:
            if desk_id not in desk_ids:
                continue
            summary = totals.get((desk_id, question.id)) or stats.summarise({})
            row = {"desk_id": desk_id, "name": desk_name(desk_id), "summary": summary}
            row["status"] = status(summary)
            if row["status"] == "ok":
                row["mean"] = format_mean(summary, lang)
                row["ci"] = (
                    f"{format_number(summary.ci[0], lang, 2)}–{format_number(summary.ci[1], lang, 2)}"
                )
                row["csat"] = format_percent(summary.csat, lang)
                row["svg"] = charts.distribution_bar(
                    f"dist-{question.id}-{desk_id}",
                    _("Distribution of ratings 1 to 5: %(desk)s", desk=row["name"]),
                    summary.distribution,
                )
            rows.append(row)
        if not rows:
            continue
        ok = [r for r in rows if r["status"] == "ok"]
        interval_svg = None
        if ok:
            interval_svg = charts.interval_chart(
                f"ci-{question.id}",
                _(
                    "Mean and 95%% interval per desk: %(q)s",
                    q=questionnaire.text(question.text, lang),
                ),
                "; ".join(
                    f"{r['name']}: {r['mean']} ({r['ci']}), n = {r['summary'].n}" for r in ok
                ),
                [(r["name"], r["summary"].mean, *r["summary"].ci) for r in ok],
                fmt=lambda v: format_number(v, lang, 2),
            )
        questions.append(
            {
                "question": question,
                "text": questionnaire.text(question.text, lang),
                "rows": rows,
                "comparison": comparison_texts(rows, desk_name),
                "interval_svg": interval_svg,
            }
        )

    seen = set()
    if period.first is None or period.last is None:  # open ends follow the stored ratings
        seen = {clock.local(t, zone).strftime("%Y-%m") for t in store.rating_time_span(db) if t}
    labels = month_labels(period.first, period.last, seen)
    months: dict[tuple[str, str, str], list[int]] = {}
    keys = [(row["desk_id"], row["question_id"], row["value"]) for row in distribution]
    for bucket, desk, question_id, value, n in store.bucket_value_counts(
        db, keys, month_bounds(labels, start, end, zone)
    ):
        if n:
            months.setdefault((desk, question_id, labels[bucket]), [0] * 5)[value - 1] += n
    first_day, last_day = period.first, period.last
    if labels:
        first_day = first_day or date.fromisoformat(labels[0] + "-01")
        last_day = last_day or date.fromisoformat(labels[-1] + "-28")
    notes = store.notes_overlapping(
        db,
        first_day.isoformat() if first_day else None,
        last_day.isoformat() if last_day else None,
        desks or None,
    )
    bands = [band for note in notes if (band := note_band(note, labels))]
    trends = []
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
                elif summary.n < min_n:
                    values.append(None)
                    cells.append(_("too few responses"))
                else:
                    values.append(summary.mean)
                    cells.append(f"{format_number(summary.mean, lang, 2)} (n = {summary.n})")
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
            fmt=lambda v: format_number(v, lang, 1),
        )
        trends.append({"text": question["text"], "svg": svg, "labels": labels, "table": table})

    sentiment: dict = {}
    for desk_id, label, count in store.comment_label_counts(db, start, end, desks or None):
        key = label if label in LABELS else "untagged"
        sentiment.setdefault(desk_id, dict.fromkeys(LABELS, 0))[key] += count
    sentiment_rows = [
        (desk_name(d) if d else _("Questions for every visit"), sentiment[d])
        for d in [*desk_ids, None]
        if d in sentiment
    ]

    quotes = []
    for quote in store.selected_quotes(
        db, start, end, desks or None, require_approval=config.get("FOUR_EYES", False)
    ):
        question = questionnaire.question(quote["question_id"])
        quote["question"] = (
            questionnaire.text(question.text, lang) if question else quote["question_id"]
        )
        quote["desk"] = desk_name(quote["desk_id"]) if quote["desk_id"] else ""
        quotes.append(quote)

    rates = []
    first_iso = period.first.isoformat() if period.first else None
    last_iso = period.last.isoformat() if period.last else None
    client_figures = store.figures_overlapping(db, first_iso, last_iso, "clients", desks or None)
    responses_cache: dict = {}
    for figure in client_figures:
        bounds = clock.day_range(
            date.fromisoformat(figure["period_start"]),
            date.fromisoformat(figure["period_end"]),
            zone,
        )
        if bounds not in responses_cache:
            responses_cache[bounds] = store.responses_per_desk(db, *bounds)
        answered = responses_cache[bounds].get(figure["desk_id"], 0)
        rates.append(
            {
                "desk": desk_name(figure["desk_id"]),
                "period": f"{figure['period_start']} – {figure['period_end']}",
                "responses": format_number(answered, lang),
                "clients": format_number(figure["value"], lang),
                "rate": format_percent(answered / figure["value"], lang)
                if figure["value"]
                else "–",
            }
        )
    visits = [
        {
            "desk": desk_name(desk_id),
            "armed": format_number(armed, lang),
            "answered": format_number(answered, lang),
            "rate": format_percent(answered / armed, lang) if armed else "–",
        }
        for desk_id, (armed, answered) in sorted(
            store.visit_counts(db, start, end, desks or None).items()
        )
    ]

    rules = store.alert_rules(db)
    trips = [
        {"trip": trip, "desk": desk_name(trip.desk_id), "share": format_percent(trip.share, lang)}
        for trip in alerts.check(db, rules=rules)
    ]
    return {
        "questions": questions,
        "trends": trends,
        "notes": notes,
        "sentiment": sentiment_rows,
        "topic_rows": [
            (d, desk_name(d), rows)
            for d, rows in topic_overview.topic_table(db, start, end, desks or None).items()
        ],
        "labels": LABELS,
        "quotes": quotes,
        "rates": rates,
        "visits": visits,
        "rules": rules,
        "trips": trips,
        "min_n": min_n,
        "zone": zone,
        "desk_name": desk_name,
    }


def build_hours(db, questionnaire, period: Period, desks: list[str], lang: str, config) -> list:
    """Per desk: mean rating by local weekday and hour, as an SVG heatmap and a table."""
    zone, min_n = config["TIMEZONE"], config["MIN_RESPONSES"]
    start, end = period.bounds(zone)
    cells = fold_hours(store.hourly_desk_sums(db, start, end, desks or None), zone)
    heatmaps = []
    for desk_id in desks or [d.id for d in questionnaire.desks]:
        desk_cells = {(w, h): v for (d, w, h), v in cells.items() if d == desk_id}
        if not desk_cells:
            continue
        desk = questionnaire.desk(desk_id)
        name = questionnaire.text(desk.name, lang) if desk else desk_id
        hours = list(range(min(h for _, h in desk_cells), max(h for _, h in desk_cells) + 1))
        days = sorted({w for w, _ in desk_cells})
        grid, table = {}, []
        for r, weekday in enumerate(days):
            line = []
            for c, hour in enumerate(hours):
                n, total = desk_cells.get((weekday, hour), (0, 0))
                if n >= min_n:
                    grid[(r, c)] = total / n
                    line.append(f"{format_number(total / n, lang, 1)} (n = {n})")
                else:
                    line.append(_("too few responses") if n else "")
            table.append((str(WEEKDAYS[weekday]), line))
        shown = list(grid.values())
        scale = (min(shown), max(shown)) if shown else (1.0, 5.0)
        if scale[1] - scale[0] < 0.2:  # do not turn a 0.05 difference into black and white
            scale = (max(1.0, scale[0] - 0.1), min(5.0, scale[1] + 0.1))
        low, high = format_number(scale[0], lang, 1), format_number(scale[1], lang, 1)
        svg = charts.heatmap(
            f"heat-{desk_id}",
            _("Mean rating by weekday and hour: %(desk)s", desk=name),
            _(
                "All rating questions together, local time (%(zone)s); darker is higher, from %(low)s to %(high)s; empty cells have fewer than %(n)s ratings.",
                zone=zone,
                low=low,
                high=high,
                n=min_n,
            ),  # fmt: skip
            [str(WEEKDAYS[w]) for w in days],
            [f"{h:02d}" for h in hours],
            grid,
            scale,
            fmt=lambda v: format_number(v, lang, 1),
        )
        heatmaps.append({"name": name, "svg": svg, "hours": hours, "table": table})
    return heatmaps


def chosen_period() -> Period:
    """The period from the URL; an invalid one is flashed and replaced by all time."""
    kind = request.args.get("period") or (
        "range" if request.args.get("from") or request.args.get("to") else "all"
    )
    try:
        return resolve_period(kind, request.args.get("from"), request.args.get("to"), today_local())
    except ValueError as error:
        flash(str(error), "error")
        return Period("all", None, None)


def today_local() -> date:
    """Today in the instance's time zone."""
    return clock.now().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def filters():
    """(questionnaire, desks, period, language) of a dashboard-style page, from its URL."""
    questionnaire = current_app.extensions["survey"]
    return questionnaire, chosen_desks(questionnaire), chosen_period(), str(get_locale() or "en")


@bp.get("/")
@auth.login_required
def dashboard():
    """Per desk and rating question for a period: mean, n, interval, CSAT, distribution and more."""
    questionnaire, desks, period, lang = filters()
    data = build(get_db(), questionnaire, period, desks, lang, current_app.config)
    form = AlertRuleForm()
    form.desk.choices = [SelectChoice("", _("Every desk"))] + [
        SelectChoice(d.id, questionnaire.text(d.name, lang)) for d in questionnaire.desks
    ]
    return render_template(
        "coordinator/dashboard.html",
        period=period,
        periods=PERIODS,
        desks=desks,
        form=form,
        **data,
    )


@bp.get("/hours")
@auth.login_required
def hours():
    """When are clients least happy? Mean rating by weekday and hour, per desk."""
    questionnaire, desks, period, lang = filters()
    heatmaps = build_hours(get_db(), questionnaire, period, desks, lang, current_app.config)
    return render_template(
        "coordinator/hours.html",
        period=period,
        periods=PERIODS,
        desks=desks,
        heatmaps=heatmaps,
        zone=current_app.config["TIMEZONE"],
        min_n=current_app.config["MIN_RESPONSES"],
    )


def back_to_dashboard():
    """Return to the dashboard view the form was posted from."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("coordinator.dashboard"))


@bp.post("/alerts")
@auth.login_required
def alert_add():
    """Create an alert rule."""
    questionnaire = current_app.extensions["survey"]
    form = AlertRuleForm()
    form.desk.choices = [SelectChoice("")] + [SelectChoice(d.id) for d in questionnaire.desks]
    if form.validate_on_submit():
        desk = form.desk.data or None
        rule_id = store.add_alert_rule(
            get_db(), desk, form.percent.data / 100, form.days.data, form.min_n.data, auth.actor()
        )
        store.audit(
            get_db(),
            auth.actor(),
            "alert.added",
            str(rule_id),
            {
                "desk": desk,
                "percent": form.percent.data,
                "days": form.days.data,
                "min_n": form.min_n.data,
            },
        )
        flash(_("Alert rule saved."), "success")
    else:
        for field, errors in form.errors.items():
            for error in errors:
                flash(f"{getattr(form, field).label.text}: {error}", "error")
    return back_to_dashboard()


@bp.post("/alerts/<int:rule_id>/off")
@auth.login_required
def alert_off(rule_id: int):
    """Switch an alert rule off."""
    if not store.deactivate_alert_rule(get_db(), rule_id):
        abort(404)
    store.audit(get_db(), auth.actor(), "alert.removed", str(rule_id))
    flash(_("Alert rule switched off."), "success")
    return back_to_dashboard()
