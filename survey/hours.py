"""The hours page as plain data and SVG strings: when are clients least happy?

Sums per UTC hour (store.hourly_desk_sums) that Python folds into local weekday x hour cells,
so time zones and DST stay out of SQL. Nothing here needs a request: the page passes its
language.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from . import charts, i18n, store
from .overview import Scope, scope
from .periods import Period


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


def weekday_names(lang: str) -> tuple[str, ...]:
    """Monday to Sunday, abbreviated, in `lang`."""
    _ = i18n.translator(lang)
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


def heatmap(view: Scope, desk_id: str, desk_cells: dict[tuple[int, int], list[int]]) -> dict:
    """One desk's mean rating by local weekday and hour, as an SVG heatmap and a table."""
    _ = view._
    weekdays = weekday_names(view.lang)
    name = view.desk_name(desk_id)
    # Only the hours that hold ratings: the hours the desk is open, without empty closed columns.
    hours = sorted({h for _w, h in desk_cells})
    days = sorted({w for w, _h in desk_cells})
    grid, table = {}, []
    for r, weekday in enumerate(days):
        line = []
        for c, hour in enumerate(hours):
            n, total = desk_cells.get((weekday, hour), (0, 0))
            if n >= view.min_n:
                grid[(r, c)] = total / n
                line.append(f"{view.number(total / n, 1)} (n = {n})")
            else:
                line.append(_("too few responses") if n else "")
        table.append((weekdays[weekday], line))
    shown = list(grid.values())
    scale = (min(shown), max(shown)) if shown else (1.0, 5.0)
    if scale[1] - scale[0] < 0.2:  # do not turn a 0.05 difference into black and white
        scale = (max(1.0, scale[0] - 0.1), min(5.0, scale[1] + 0.1))
    svg = charts.heatmap(
        f"heat-{desk_id}",
        _("Mean rating by weekday and hour: %(desk)s", desk=name),
        _(
            "All rating questions together, local time (%(zone)s); darker is lower, from %(low)s (darkest) to %(high)s (palest); empty cells have fewer than %(n)s ratings.",
            zone=view.zone,
            low=view.number(scale[0], 1),
            high=view.number(scale[1], 1),
            n=view.min_n,
        ),  # fmt: skip
        [weekdays[w] for w in days],
        [f"{h:02d}" for h in hours],
        grid,
        scale,
        fmt=lambda v: view.number(v, 1),
        missing=_("fewer than %(n)s ratings", n=view.min_n),
    )
    return {"name": name, "svg": svg, "hours": hours, "table": table}


def hours(db, questionnaire, period: Period, desks: list[str], lang: str, config) -> list[dict]:
    """Per desk with ratings: the weekday x hour heatmap (the hours page)."""
    view = scope(db, questionnaire, period, desks, lang, config)
    cells = fold_hours(
        store.hourly_desk_sums(db, view.start, view.end, view.desk_filter), view.zone
    )
    heatmaps = []
    for desk_id in view.desk_ids:
        desk_cells = {(w, h): v for (d, w, h), v in cells.items() if d == desk_id}
        if desk_cells:
            heatmaps.append(heatmap(view, desk_id, desk_cells))
    return heatmaps
