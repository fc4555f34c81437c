"""Operational figures: the form, CSV import (all or nothing, errors by line) and period notes."""

import io

import pytest

from survey import store

from .helpers import database, page_text


@pytest.fixture
def logged_in(coordinator, client):
    coordinator.login()
    return client


def upload(client, text, name="figures.csv"):
    return client.post(
        "/coordinator/figures/import",
        data={"csv-file": (io.BytesIO(text.encode("utf-8")), name)},
        content_type="multipart/form-data",
    )


def stored(app):
    return [
        (f["desk_id"], f["metric"], f["period_start"], f["period_end"], f["value"])
        for f in store.figures_within(database(app))
    ]


def test_enter_a_figure_and_correct_it(app, logged_in):
    form = {"figure-desk": "expat_centre", "figure-metric": "clients", "figure-first": "2020-01-01",
            "figure-last": "2020-12-31", "figure-value": "1769"}  # fmt: skip
    response = logged_in.post("/coordinator/figures", data=form)
    assert response.status_code == 302
    assert stored(app) == [("expat_centre", "clients", "2020-01-01", "2020-12-31", 1769)]
    logged_in.post("/coordinator/figures", data={**form, "figure-value": "1770"})
    assert stored(app) == [("expat_centre", "clients", "2020-01-01", "2020-12-31", 1770)]
    text = page_text(logged_in.get("/coordinator/figures"))
    assert "Expat Centre Clients at the desk 2020-01-01 – 2020-12-31 1770 anna" in text
    actions = [row["action"] for row in store.audit_rows(database(app))]
    assert actions.count("figure.set") == 2


@pytest.mark.parametrize(
    "change, message",
    [
        ({"figure-value": "-3"}, "Number must be between 0 and 10000000."),
        ({"figure-value": "many"}, "Not a valid integer value."),
        ({"figure-last": "2019-12-31"}, "The last day lies before the first day."),
        ({"figure-first": "2020-02-30"}, "Not a valid date value."),
        ({"figure-metric": "visitors"}, "Not a valid choice."),
        ({"figure-desk": "post_office"}, "Not a valid choice."),
    ],
)
def test_a_bad_figure_is_refused_with_a_message(app, logged_in, change, message):
    form = {"figure-desk": "ind", "figure-metric": "documents_issued", "figure-first": "2020-01-01",
            "figure-last": "2020-12-31", "figure-value": "4630", **change}  # fmt: skip
    response = logged_in.post("/coordinator/figures", data=form)
    assert response.status_code == 400
    assert message in page_text(response)
    assert stored(app) == []


GOOD = """desk_id,metric,period_start,period_end,value
ind,oss_appointments,2020-01-01,2020-12-31,193
ind,oss_non_eu,2020-01-01,2020-12-31,144
expat_centre,clients,2021-01-01,2021-06-30,1005
"""


def test_csv_import_stores_every_row(app, logged_in):
    response = upload(logged_in, "\ufeff" + GOOD)  # a BOM from Excel is fine
    assert response.status_code == 302
    assert "Imported 3 figures." in page_text(logged_in.get("/coordinator/figures"))
    assert sorted(stored(app)) == [
        ("expat_centre", "clients", "2021-01-01", "2021-06-30", 1005),
        ("ind", "oss_appointments", "2020-01-01", "2020-12-31", 193),
        ("ind", "oss_non_eu", "2020-01-01", "2020-12-31", 144),
    ]


def test_csv_import_names_every_bad_line_and_imports_nothing(app, logged_in):
    bad = GOOD + (
        "post_office,clients,2020-01-01,2020-12-31,5\n"
        "ind,visitors,2020-01-01,2020-12-31,5\n"
        "ind,clients,2020-31-01,2020-12-31,5\n"
        "ind,clients,2020-12-31,2020-01-01,5\n"
        "ind,clients,2020-01-01,2020-12-31,five\n"
        "ind,oss_appointments,2020-01-01,2020-12-31,200\n"
    )
    response = upload(logged_in, bad)
    assert response.status_code == 400
    text = page_text(response)
    assert "Nothing was imported." in text
    for problem in [
        "line 5: unknown desk 'post_office'",
        "line 6: unknown figure 'visitors'",
        "line 7: period_start '2020-31-01' is not a date YYYY-MM-DD",
        "line 8: period_end lies before period_start",
        "line 9: value 'five' is not a whole number from 0 to 10000000",
        "line 10: same desk, figure and period as line 2",
    ]:
        assert problem in text
    assert stored(app) == []


@pytest.mark.parametrize(
    "content, problem",
    [
        (
            "desk,metric,value\nind,clients,5\n",
            "line 1: missing column(s) desk_id, period_start, period_end",
        ),
        ("desk_id,metric,period_start,period_end,value\n", "the file holds no figures"),
    ],
)
def test_csv_import_explains_a_wrong_file(app, logged_in, content, problem):
    response = upload(logged_in, content)
    assert response.status_code == 400
    assert problem in page_text(response)
    assert stored(app) == []


def test_csv_import_refuses_a_non_utf8_file(app, logged_in):
    response = logged_in.post(
        "/coordinator/figures/import",
        data={"csv-file": (io.BytesIO("desk_id\nSão\n".encode("latin-1")), "f.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "the file is not UTF-8 text" in page_text(response)


def test_delete_a_figure(app, logged_in):
    upload(logged_in, GOOD)
    figure_id = store.figures_within(database(app))[0]["id"]
    assert logged_in.post(f"/coordinator/figures/{figure_id}/delete").status_code == 302
    assert len(stored(app)) == 2
    assert logged_in.post(f"/coordinator/figures/{figure_id}/delete").status_code == 404


def test_period_notes_with_and_without_a_desk(app, logged_in):
    for desk, text in (("", "Desks closed (corona)."), ("ind", "IND system outage.")):
        response = logged_in.post(
            "/coordinator/notes",
            data={
                "note-starts_on": "2020-03-16",
                "note-ends_on": "2020-06-14",
                "note-desk": desk,
                "note-text": text,
            },
        )
        assert response.status_code == 302
    notes = store.notes_overlapping(database(app))
    assert [(n["desk_id"], n["text"], n["created_by"]) for n in notes] == [
        (None, "Desks closed (corona).", "anna"),
        ("ind", "IND system outage.", "anna"),
    ]
    # A note for one desk is left out where only other desks are shown.
    assert [n["text"] for n in store.notes_overlapping(database(app), desks=["expat_centre"])] == [
        "Desks closed (corona)."
    ]
    text = page_text(logged_in.get("/coordinator/figures"))
    assert "2020-03-16 – 2020-06-14 · IND (immigration service): IND system outage." in text
    assert logged_in.post(f"/coordinator/notes/{notes[0]['id']}/delete").status_code == 302
    assert len(store.notes_overlapping(database(app))) == 1


def test_a_note_needs_text_and_an_ordered_range(app, logged_in):
    response = logged_in.post(
        "/coordinator/notes",
        data={
            "note-starts_on": "2020-06-14",
            "note-ends_on": "2020-03-16",
            "note-desk": "",
            "note-text": " ",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "The last day lies before the first day." in text and "This field is required." in text
    assert store.notes_overlapping(database(app)) == []


def test_the_form_offers_exactly_the_figures_a_csv_may_hold():
    from survey.coordinator.forms import METRICS
    from survey.vocabulary import FIGURE_METRICS

    assert tuple(METRICS) == FIGURE_METRICS
