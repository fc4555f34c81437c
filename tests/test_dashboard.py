"""The dashboard: figures per desk and question for a period, trends, heatmaps, quotes, rates."""

import re
from datetime import date, timedelta

import pytest

from survey import clock, db, store
from survey.hours import fold_hours
from survey.periods import Period, month_bounds, month_labels, resolve_period

from .helpers import add, add_tablet, comment, database, page_text, run_cli


@pytest.fixture
def logged_in(coordinator, client):
    coordinator.login()
    return client


PROTECTED_GET = [
    "/coordinator/",
    "/coordinator/figures",
    "/coordinator/report?from=2020-01-01&to=2020-12-31",
]
PROTECTED_POST = [
    "/coordinator/alerts",
    "/coordinator/alerts/1/off",
    "/coordinator/figures",
    "/coordinator/figures/import",
    "/coordinator/figures/1/delete",
    "/coordinator/notes",
    "/coordinator/notes/1/delete",
]


@pytest.mark.parametrize("url", PROTECTED_GET)
def test_pages_require_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/coordinator/login" in response.headers["Location"]


@pytest.mark.parametrize("url", PROTECTED_POST)
def test_actions_require_login_and_store_nothing(app, client, url):
    data = {"percent": "30", "days": "7", "min_n": "10", "desk": "", "note-starts_on": "2020-01-01",
            "note-ends_on": "2020-01-02", "note-text": "x", "figure-desk": "ind",
            "figure-metric": "clients", "figure-first": "2020-01-01", "figure-last": "2020-01-31",
            "figure-value": "5"}  # fmt: skip
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert "/coordinator/login" in response.headers["Location"]
    check = database(app)
    for table in ("alert_rules", "figures", "notes"):
        assert check.table(table).count == 0


def test_per_desk_mean_n_interval_csat_and_distribution(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 95 + [4] * 5)
    add(app, "expat_centre", "front_desk_staff", [5] * 8 + [4, 2])
    text = page_text(logged_in.get("/coordinator/?period=all"))
    # IND: mean 4.95, n 100, interval 4.91-4.99, CSAT 100%, counts per value.
    assert (
        "IND (immigration service) 4.95 100 4.91–4.99 100% 1: 0 · 2: 0 · 3: 0 · 4: 5 · 5: 95"
        in text
    )
    # Expat Centre: (40 + 4 + 2) / 10 = 4.6, CSAT 90%.
    assert "Expat Centre 4.6 10 3.91–5.00 90% 1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 8" in text
    assert "GemeenteLoket (municipality) no responses" in text


def test_a_cell_below_the_minimum_shows_no_mean(app, logged_in):
    add(app, "ind", "clarity_written_info", [1, 2, 5, 5, 5, 5, 5, 5, 5])  # 9 answers, mean 4.22
    response = logged_in.get("/coordinator/?period=all")
    text = page_text(response)
    assert "IND (immigration service) too few responses 9" in text
    body = response.get_data(as_text=True)
    for secret in ("4.22", "4.2", "1: 1", "78%"):
        assert secret not in body


def test_min_responses_is_configurable(make_app):
    app = make_app(MIN_RESPONSES=3)
    add(app, "ind", "clarity_written_info", [4, 5, 5])
    client = app.test_client()
    from .helpers import CoordinatorActions

    CoordinatorActions(app, client).login()
    assert "IND (immigration service) 4.7 3" in page_text(client.get("/coordinator/"))


def test_overlapping_intervals_are_not_ranked(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 19 + [4])
    add(app, "expat_centre", "front_desk_staff", [5] * 18 + [4] * 2)
    text = page_text(logged_in.get("/coordinator/"))
    assert "The intervals of all desks overlap" in text and "not ranked" in text
    assert "rated higher than IND" not in text and "rated higher than Expat" not in text


def test_separate_intervals_are_ranked(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 18 + [4] * 2)
    add(app, "gemeenteloket", "front_desk_staff", [2] * 10 + [3] * 10)
    text = page_text(logged_in.get("/coordinator/"))
    assert "IND (immigration service) is rated higher than GemeenteLoket (municipality)" in text


def test_period_picker_and_desk_filter_come_from_the_url(app, logged_in):
    now = clock.now()
    add(app, "ind", "front_desk_staff", [5] * 10, clock.stamp(now - timedelta(hours=1)))
    add(app, "ind", "front_desk_staff", [4] * 10, "2019-03-01T10:00:00Z")
    add(app, "expat_centre", "front_desk_staff", [3] * 10, clock.stamp(now - timedelta(hours=1)))
    assert "IND (immigration service) 5.00 10" in page_text(
        logged_in.get("/coordinator/?period=month")
    )
    assert "IND (immigration service) 4.5 20" in page_text(
        logged_in.get("/coordinator/?period=all")
    )
    ranged = page_text(logged_in.get("/coordinator/?period=range&from=2019-01-01&to=2019-12-31"))
    assert "IND (immigration service) 4.00 10" in ranged
    filtered = page_text(logged_in.get("/coordinator/?period=all&desk=ind"))
    assert (
        "IND (immigration service) 4.5 20" in filtered
        and "Expat Centre" not in filtered.split("Client ratings")[1].split("Alert rules")[0]
    )
    assert logged_in.get("/coordinator/?desk=nowhere").status_code == 404
    # From and to without a period choice mean a custom range.
    assert "IND (immigration service) 4.00 10" in page_text(
        logged_in.get("/coordinator/?from=2019-01-01&to=2019-12-31")
    )
    bad = page_text(logged_in.get("/coordinator/?period=range&from=2020-02-01&to=2020-01-01"))
    assert "The first day lies after the last day." in bad


@pytest.mark.parametrize("day", ["1999-12-31", "2021-13-01"])
def test_a_day_outside_the_window_is_refused_in_the_page_language(coordinator, client, day):
    coordinator.login()
    page = client.get(f"/coordinator/?from={day}", headers={"Accept-Language": "nl"})
    assert page.status_code == 200  # the page falls back to all time and says why
    assert "Kies een dag tussen 2000-01-01 en 2099-12-31." in page.text
    assert "is outside" not in page.text and "is not a date" not in page.text


def test_resolve_period_on_a_fixed_day():
    today = date(2021, 5, 17)
    assert resolve_period("month", None, None, today) == Period("month", date(2021, 5, 1), today)
    assert resolve_period("quarter", None, None, today) == Period(
        "quarter", date(2021, 4, 1), today
    )
    assert resolve_period("year", None, None, today) == Period("year", date(2021, 1, 1), today)
    assert resolve_period("all", None, None, today) == Period("all", None, None)
    with pytest.raises(ValueError):
        resolve_period("range", "2021-13-01", None, today)
    with pytest.raises(ValueError):
        resolve_period("decade", None, None, today)


def test_fold_puts_utc_hours_in_local_weekdays_and_hours():
    rows = [
        # 31 Jan 2020 23:xx UTC is Saturday 1 February 00:xx in Amsterdam (UTC+1).
        ("2020-01-31T23", "ind", 2, 10),
        # 6 July 2020 07:xx UTC is Monday 09:xx in Amsterdam (UTC+2, summer time).
        ("2020-07-06T07", "ind", 1, 1),
        ("2020-07-13T07", "ind", 3, 12),
    ]
    assert fold_hours(rows, "Europe/Amsterdam") == {("ind", 5, 0): [2, 10], ("ind", 0, 9): [4, 13]}


def test_months_are_local_calendar_months():
    labels = month_labels(None, None, {"2020-02", "2020-07"})
    assert labels == ["2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2020-07"]
    bounds = month_bounds(["2020-01", "2020-07"], None, "2020-07-10T00:00:00Z", "Europe/Amsterdam")
    assert bounds == [
        ("2019-12-31T23:00:00Z", "2020-01-31T23:00:00Z"),  # winter: UTC+1
        ("2020-06-30T22:00:00Z", "2020-07-10T00:00:00Z"),  # summer: UTC+2, clipped to the period
    ]


def test_a_rating_just_after_local_midnight_counts_for_the_local_month(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 10, "2020-01-31T23:30:00Z")  # 1 February locally
    text = page_text(logged_in.get("/coordinator/?period=range&from=2020-01-01&to=2020-02-29"))
    table = text.split("Table: Front desk staff", 1)[1]
    # January holds no rating, so the axis starts at February (the month that holds data).
    assert "Desk 2020-02 IND (immigration service) 5.00 (n = 10)" in table


def test_trend_shows_months_without_responses_as_gaps_and_notes(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 10, "2020-01-15T10:00:00Z")
    add(app, "ind", "front_desk_staff", [4] * 10, "2020-03-15T10:00:00Z")
    with app.app_context():
        store.add_note(db.get_db(), "2020-02-01", "2020-02-29", None, "Closed in February", "t")
    response = logged_in.get("/coordinator/?period=range&from=2020-01-01&to=2020-03-31")
    body = response.get_data(as_text=True)
    table = page_text(response).split("Table: Front desk staff", 1)[1]
    assert (
        "2020-01 2020-02 2020-03 IND (immigration service) 5.00 (n = 10) – 4.00 (n = 10)" in table
    )
    chart = re.search(
        r'<svg[^>]*aria-labelledby="trend-front_desk_staff-title.*?</svg>', body, re.S
    ).group(0)
    series = chart.split('<g class="series"', 1)[1].split("</g>", 1)[0]
    assert "<path" not in series  # two points with a gap between: nothing is joined
    assert series.count("<circle") == 2
    assert "<title>Closed in February</title>" in chart
    assert "2020-02-01 – 2020-02-29: Closed in February" in page_text(response)


def test_heatmap_uses_local_time(app, logged_in):
    # Ten ratings on Monday 6 July 2020 at 07:xx UTC: 09:00 in Amsterdam.
    add(app, "ind", "front_desk_staff", [3] * 10, "2020-07-06T07:20:00Z")
    text = page_text(logged_in.get("/coordinator/hours?period=all&desk=ind"))
    table = text.split("Table: IND (immigration service) by weekday and hour", 1)[1]
    assert table.strip().startswith("Day 09 Mon 3.0 (n = 10)")


def test_sentiment_counts_and_selected_quotes(app, logged_in):
    add(
        app,
        "ind",
        "permit_processing",
        [5],
        comments=[
            comment("permit_processing", "Very efficient and fast.", "positive", "ind", "selected")
        ],
    )
    add(
        app,
        "ind",
        "permit_processing",
        [2],
        comments=[comment("permit_processing", "Too slow.", "negative", "ind")],
    )
    add(
        app,
        "ind",
        "permit_processing",
        [4],
        comments=[comment("permit_processing", "Untagged text.", None, "ind")],
    )
    add(
        app,
        "ind",
        "permit_processing",
        [3],
        comments=[comment("better", "No issues yet.", "positive", None, "selected")],
    )
    text = page_text(logged_in.get("/coordinator/?period=all"))
    sentiment = text.split("Comment sentiment", 1)[1].split("Selected quotes", 1)[0]
    # The comment stored untagged (as every kiosk comment is) was tagged by this page: neutral;
    # with nothing left untagged, the page has no "untagged" column.
    assert "IND (immigration service) 1 1 1" in sentiment and "untagged" not in sentiment
    assert "Questions for every visit 1 0 0" in sentiment
    quotes = text.split("Selected quotes", 1)[1].split("Response rate", 1)[0]
    assert "“Very efficient and fast.” – IND (immigration service)" in quotes
    assert "What can we do better? “No issues yet.”" in quotes
    assert "Too slow." not in quotes


def test_response_rate_from_client_figures_and_armed_visits(app, logged_in):
    add(app, "expat_centre", "front_desk_staff", [5] * 12, "2020-05-10T10:00:00Z")
    add(app, "expat_centre", "front_desk_staff", [5] * 3, "2020-07-10T10:00:00Z")
    add_tablet(app, "Expat desk", ("expat_centre",), "armed")
    with app.app_context():
        handle = db.get_db()
        store.set_figure(handle, "expat_centre", "clients", "2020-05-01", "2020-05-31", 48, "t")
        tablet = store.get_tablet_by_name(handle, "Expat desk")
        handle.table("visits").insert_all(
            [{"tablet_id": tablet["id"], "desk_id": "expat_centre", "armed_at": "2020-05-10T09:00:00Z",
              "response_id": "r" if i < 3 else None} for i in range(4)]
        )  # fmt: skip
    text = page_text(logged_in.get("/coordinator/?period=range&from=2020-05-01&to=2020-05-31"))
    rates = text.split("Response rate", 1)[1]
    assert "Expat Centre 2020-05-01 – 2020-05-31 12 48 25%" in rates
    assert "Expat Centre 4 3 75%" in rates


def test_dashboard_without_any_data(logged_in):
    response = logged_in.get("/coordinator/")
    assert response.status_code == 200
    assert "No responses in this period." in page_text(response)


@pytest.mark.parametrize(
    "url",
    [
        "/coordinator/?period=all",
        "/coordinator/hours",
        "/coordinator/figures",
        "/coordinator/report?from=2020-01-01&to=2020-12-31",
    ],
)
def test_pages_render_in_dutch_with_a_decimal_comma(app, coordinator, client, url):
    add(app, "ind", "front_desk_staff", [5] * 95 + [4] * 5)
    coordinator.login()
    response = client.get(url, headers={"Accept-Language": "nl"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert '<html lang="nl">' in body
    if "figures" not in url and "hours" not in url:
        assert "4,95" in body and "4.95" not in body


def test_the_trend_axis_spans_only_the_months_holding_data(app, logged_in):
    add(app, "ind", "front_desk_staff", [5] * 10, "2020-03-10T10:00:00Z")
    add(app, "ind", "front_desk_staff", [4] * 10, "2020-05-10T10:00:00Z")
    text = page_text(logged_in.get("/coordinator/?period=all"))
    table = text.split("Table: Front desk staff", 1)[1].split("IND (immigration service)", 1)[0]
    assert table.split() == ["Desk", "2020-03", "2020-04", "2020-05"]  # not on to today


def test_the_heatmap_shows_only_hours_holding_ratings(app, logged_in):
    add(app, "ind", "front_desk_staff", [3] * 10, "2020-07-06T07:20:00Z")  # Monday 09:xx
    add(app, "ind", "front_desk_staff", [4] * 10, "2020-07-06T13:20:00Z")  # Monday 15:xx
    text = page_text(logged_in.get("/coordinator/hours?period=all&desk=ind"))
    table = text.split("Table: IND (immigration service) by weekday and hour", 1)[1]
    assert table.strip().startswith("Day 09 15 Mon 3.0 (n = 10) 4.0 (n = 10)")


@pytest.mark.parametrize(
    "first, last",
    [(None, None), (date(2020, 3, 1), date(2020, 11, 30)), (date(2021, 1, 15), None)]
    + [(None, date(2019, 12, 31)), (date(2030, 1, 1), None)],
)
def test_the_months_of_a_period_add_up_to_its_distribution(app, first, last):
    """The dashboard reads its ratings once, per local month: summed over the months they
    must give the period's counts per desk, question and value exactly."""
    from survey import overview

    assert run_cli(app, "demo", "--responses", "400").exit_code == 0
    questionnaire = app.extensions["survey"]
    period = Period("range" if first or last else "all", first, last)
    with app.app_context():
        connection = db.get_db()
        view = overview.scope(connection, questionnaire, period, [], "en", app.config)
        summed = overview.distribution_of(overview.monthly_counts(view, overview.axis_months(view)))
        shown = {(d, q.id) for q in questionnaire.rating_questions() for d in q.desks}
        grouped = [
            row
            for row in store.rating_distribution(connection, view.start, view.end)
            if (row["desk_id"], row["question_id"]) in shown
        ]
    assert summed == grouped
    assert summed or first == date(2030, 1, 1)
