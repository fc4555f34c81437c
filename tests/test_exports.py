"""Exports: round trip through import, formula safety, XLSX cell by cell, wide shape, filters."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from survey import exports, store, submission

from .helpers import CoordinatorActions, database, run_cli

IND, EXPAT = "ind", "expat_centre"
A = "11111111-1111-4111-8111-111111111111"
B = "22222222-2222-4222-8222-222222222222"
C = "33333333-3333-4333-8333-333333333333"
FORMULAS = ["=cmd|' /C calc'!A0", "+ friendly staff", "- slow queue", "@ reception great"]


def submit(app, rid, at, desks, ratings, answers=(), lang="en", tablet="IND desk 1"):
    """Store a survey the way the kiosk does (validate, then record)."""
    body = {
        "id": rid,
        "language": lang,
        "desks": list(desks),
        "submitted_at": at,
        "ratings": [{"desk": d, "question": q, "value": v} for d, q, v in ratings],
        "answers": [{"desk": d, "question": q, "text": t} for d, q, t in answers],
    }
    valid = submission.validate(body, app.extensions["survey"])
    assert submission.record(database(app), valid, tablet, "api") == store.CREATED


@pytest.fixture
def stocked(app):
    submit(
        app,
        A,
        "2020-02-03T10:00:00Z",
        [IND],
        [(IND, "front_desk_staff", 5), (IND, "permit_processing", 4)],
        [(IND, "permit_processing", FORMULAS[0]), (None, "better", FORMULAS[1])],
    )
    submit(
        app,
        B,
        "2020-02-03T23:30:00Z",  # 4 February in Amsterdam
        [IND, EXPAT],
        [(IND, "front_desk_staff", 3), (EXPAT, "clarity_written_info", 2)],
        [(None, "most_satisfied", FORMULAS[2]), (EXPAT, "info_living_working", FORMULAS[3])],
        lang="nl",
        tablet='=HYPERLINK("http://x")',
    )
    submit(
        app,
        C,
        "2020-02-05T09:00:00Z",
        [EXPAT],
        [(EXPAT, "front_desk_staff", 1)],
        [(None, "better", "'=already quoted"), (None, "most_satisfied", "tab\tinside\x01")],
        tablet="Expat desk",
    )
    return app


def export(app, *args):
    result = run_cli(app, "export", *args)
    assert result.exit_code == 0, result.output
    return result.output


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def test_round_trip_into_an_empty_instance_gives_the_same_data(stocked, make_app, tmp_path):
    ratings, comments = tmp_path / "ratings.csv", tmp_path / "comments.csv"
    export(stocked, "--format", "csv", "-o", str(ratings))
    export(stocked, "--comments", "--format", "csv", "-o", str(comments))
    other = make_app(DATABASE=str(tmp_path / "other.sqlite3"))
    assert store.response_count(database(other)) == 0
    for path in (ratings, comments):
        result = run_cli(other, "import", str(path))
        assert result.exit_code == 0, result.output

    def aggregates(app):
        return sorted(tuple(r.values()) for r in store.rating_distribution(database(app)))

    assert aggregates(other) == aggregates(stocked) and len(aggregates(other)) == 5
    assert export(other, "--format", "csv") == ratings.read_text(encoding="utf-8")
    again = export(other, "--comments", "--format", "csv")
    assert again == comments.read_text(encoding="utf-8")
    # The comment text itself, not only its export, is exactly what was stored.
    texts = lambda app: sorted(  # noqa: E731
        row[0] for row in database(app).execute("select text from comments")
    )
    assert texts(other) == texts(stocked)
    assert FORMULAS[0] in texts(other) and "'=already quoted" in texts(other)
    assert store.get_response(database(other), B)["tablet"] == '=HYPERLINK("http://x")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_and_restored(start):
    value = f"{start}1+1"
    assert exports.neutralise(value) == "'" + value
    assert exports.unneutralise(exports.neutralise(value)) == value
    assert exports.neutralise(5) == 5 and exports.neutralise(-0.5) == -0.5
    assert exports.neutralise("plain") == "plain"


def test_csv_cells_never_start_with_a_formula_character(stocked):
    for args in (["--format", "csv"], ["--comments", "--format", "csv"], ["--shape", "wide"]):
        for row in rows_of(export(stocked, *args))[1:]:
            for cell in row:
                # A negative polarity is a number, which spreadsheets read as one.
                number = re.fullmatch(r"-\d+(?:\.\d+)?", cell)
                assert number or not cell.startswith(exports.FORMULA_STARTS), (args, cell)
    comments = {row[0] + row[3]: row[4] for row in rows_of(export(stocked, "--comments"))[1:]}
    assert comments[A + "permit_processing"] == "'" + FORMULAS[0]
    assert comments[C + "better"] == "''=already quoted"
    ratings = rows_of(export(stocked))
    assert ratings[3][6] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("position", [0, 1, exports.CHUNK_ROWS - 1, exports.CHUNK_ROWS])
@pytest.mark.parametrize("column", [0, 3])
@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", '=a,"b"', "=a\nb"]
)
def test_csv_chunks_neutralise_wherever_the_cell_falls(position, column, value):
    """First cell, last cell, quoted cell, at a chunk's start or end: never left raw."""
    rows = [["ok", "2021-06-30T10:00:00Z", 5, "plain"] for _ in range(exports.CHUNK_ROWS + 5)]
    rows[position][column] = value
    text = "".join(exports.csv_chunks(["a", "b", "c", "d"], rows))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[position + 1][column] == exports.neutralise(value)
    assert (
        sum(row == ["ok", "2021-06-30T10:00:00Z", "5", "plain"] for row in parsed) == len(rows) - 1
    )


def test_xlsx_is_checked_cell_by_cell(stocked, tmp_path):
    path = tmp_path / "out.xlsx"
    export(stocked, "--format", "xlsx", "--comments", "-o", str(path))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["ratings", "comments", "codebook"]
    long_rows = rows_of(export(stocked))
    sheet = [list(row) for row in workbook["ratings"].iter_rows(values_only=True)]
    assert sheet[0] == long_rows[0]
    assert len(sheet) == len(long_rows) == 6
    for got, expected in zip(sheet[1:], long_rows[1:], strict=True):
        assert got[:4] == expected[:4]
        assert got[4] == int(expected[4]) and isinstance(got[4], int)  # a number, not text
        assert got[5:] == expected[5:]
    comment_rows = rows_of(export(stocked, "--comments"))
    comments = [list(row) for row in workbook["comments"].iter_rows(values_only=True)]
    assert comments[0] == comment_rows[0] and len(comments) == len(comment_rows) == 7
    for got, expected in zip(comments[1:], comment_rows[1:], strict=True):
        text_cells = got[:7] + got[8:]
        assert [("" if cell is None else cell) for cell in text_cells] == [
            cell.replace("\x01", "\ufffd") for cell in expected[:7] + expected[8:]
        ]
        # Polarity is a number cell (Excel stores 0.0 as 0).
        assert got[7] == (float(expected[7]) if expected[7] else None)
    for name in workbook.sheetnames:
        for row in workbook[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
    texts = [row[4] for row in comments[1:]]
    assert "'" + FORMULAS[0] in texts and "'" + FORMULAS[3] in texts


def test_the_codebook_names_every_column_and_each_question_text_per_language(stocked, tmp_path):
    path = tmp_path / "out.xlsx"
    export(stocked, "--format", "xlsx", "--comments", "--shape", "wide", "-o", str(path))
    rows = list(load_workbook(path)["codebook"].iter_rows(values_only=True))
    questionnaire = stocked.extensions["survey"]
    assert rows[0] == ("name", "kind", "meaning", "text_en", "text_nl", "text_de", "text_fr")
    names = {row[0]: row for row in rows[1:]}
    columns = rows_of(export(stocked, "--shape", "wide"))[0] + list(store.COMMENT_COLUMNS)
    for column in columns:
        assert column in names and (names[column][2] or names[column][1] != "column")
    for question in questionnaire.questions:
        assert list(names[question.id][3:]) == [
            question.text[lang] for lang in ("en", "nl", "de", "fr")
        ]


def test_xlsx_goes_to_stdout_when_it_is_not_a_terminal(stocked):
    result = run_cli(stocked, "export", "--format", "xlsx")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip


def test_wide_shape_has_one_row_per_response_and_desk(stocked):
    rows = rows_of(export(stocked, "--shape", "wide"))
    assert rows[0] == [
        "response_id",
        "submitted_at",
        "desk",
        "language",
        "tablet",
        "clarity_written_info",
        "front_desk_staff",
        "info_living_working",
        "permit_processing",
    ]
    assert rows[1:] == [
        [A, "2020-02-03T10:00:00Z", IND, "en", "IND desk 1", "", "5", "", "4"],
        [B, "2020-02-03T23:30:00Z", EXPAT, "nl", '\'=HYPERLINK("http://x")', "2", "", "", ""],
        [B, "2020-02-03T23:30:00Z", IND, "nl", '\'=HYPERLINK("http://x")', "", "3", "", ""],
        [C, "2020-02-05T09:00:00Z", EXPAT, "en", "Expat desk", "", "1", "", ""],
    ]
    # Only the questions asked at the chosen desk become columns.
    ind = rows_of(export(stocked, "--shape", "wide", "--desk", IND))
    assert ind[0][5:] == ["clarity_written_info", "front_desk_staff", "permit_processing"]
    assert [row[0] for row in ind[1:]] == [A, B]


def test_surveys_of_the_same_second_keep_their_ratings_together_in_the_order_stored(app):
    # Stored B first, then A: a sort by response id within the second would put A first, and
    # any interleaving of the two would split a survey's wide row in two.
    at = "2020-02-03T10:00:00Z"
    submit(app, B, at, [IND, EXPAT], [(IND, "front_desk_staff", 3), (EXPAT, "front_desk_staff", 4)])
    submit(app, A, at, [IND], [(IND, "front_desk_staff", 5), (IND, "permit_processing", 2)])
    long = rows_of(export(app))[1:]
    assert [(row[0], row[2], row[3]) for row in long] == [
        (B, EXPAT, "front_desk_staff"),
        (B, IND, "front_desk_staff"),
        (A, IND, "front_desk_staff"),
        (A, IND, "permit_processing"),
    ]
    wide = rows_of(export(app, "--shape", "wide", "--desk", IND))
    assert [row[0] for row in wide[1:]] == [B, A]
    assert wide[2][wide[0].index("permit_processing")] == "2"


def test_json_lines_carry_the_same_rows(stocked):
    lines = export(stocked, "--format", "json").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 5
    assert objects[0] == {
        "response_id": A,
        "submitted_at": "2020-02-03T10:00:00Z",
        "desk": IND,
        "question": "front_desk_staff",
        "value": 5,
        "language": "en",
        "tablet": "IND desk 1",
    }
    comments = [
        json.loads(line) for line in export(stocked, "--format", "json", "--comments").splitlines()
    ]
    assert comments[0]["text"] == FORMULAS[0]  # JSON is not a spreadsheet: no prefix


def test_filters_by_desks_local_days_and_questions(stocked):
    def keys(*args):
        return [(r[0], r[2], r[3]) for r in rows_of(export(stocked, *args))[1:]]

    assert keys("--from", "2020-02-04", "--to", "2020-02-04") == [
        (B, EXPAT, "clarity_written_info"),
        (B, IND, "front_desk_staff"),
    ]
    assert keys("--question", "front_desk_staff", "--desk", IND, "--desk", EXPAT) == [
        (A, IND, "front_desk_staff"),
        (B, IND, "front_desk_staff"),
        (C, EXPAT, "front_desk_staff"),
    ]


def test_comments_of_a_desk_include_the_open_answers_of_its_clients(stocked):
    rows = rows_of(export(stocked, "--comments", "--desk", IND))[1:]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        (A, IND, "permit_processing"),
        (A, "", "better"),
        (B, "", "most_satisfied"),
    ]
    assert rows[2][5] == "nl" and rows[2][8] == "pending"


def test_bom_only_when_asked(stocked):
    assert not export(stocked).startswith("\ufeff")
    assert export(stocked, "--bom").startswith("\ufeffresponse_id,")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--question", "better"], "'better' is not a rating question"),
        (["--question", "front_desk_staff", "--comments"], "is not a question taking free text"),
        (["--shape", "tall"], "Invalid value for '--shape'"),
        (["--format", "xls"], "Invalid value for '--format'"),
        (["--comments", "--shape", "wide"], "--shape wide is for ratings"),
    ],
)
def test_bad_export_options_are_one_clear_error(app, args, message):
    result = run_cli(app, "export", *args)
    assert result.exit_code != 0 and message in result.output


def test_the_download_page_needs_a_login(client):
    response = client.get("/coordinator/exports")
    assert response.status_code == 302 and "/coordinator/login" in response.headers["Location"]


def test_the_download_page_offers_the_form_and_is_in_the_navigation(stocked, client, coordinator):
    coordinator.login()
    page = client.get("/coordinator/exports")
    assert page.status_code == 200
    assert 'href="/coordinator/exports" aria-current="page"' in page.text
    for name in ("desk", "start", "end", "question", "fmt", "shape", "comments", "bom"):
        assert f'name="{name}"' in page.text


def test_the_download_streams_the_same_file_as_the_cli(stocked, client, coordinator):
    coordinator.login()
    response = client.get(
        "/coordinator/exports",
        query_string={"desk": [IND, EXPAT], "start": "2020-02-03", "end": "2020-02-04",
                      "fmt": "csv", "shape": "long", "bom": "y"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.is_streamed
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="survey-ind-expat_centre-2020-02-03-2020-02-04.csv"'
    )
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    cli = export(
        stocked, "--desk", IND, "--desk", EXPAT, "--from", "2020-02-03", "--to", "2020-02-04",
        "--bom",
    )  # fmt: skip
    assert response.get_data(as_text=True).replace("\r\n", "\n") == cli
    actions = [row["action"] for row in store.audit_rows(database(stocked))]
    assert "export" in actions


def test_the_download_in_xlsx_with_comments(stocked, client, coordinator):
    coordinator.login()
    response = client.get(
        "/coordinator/exports",
        query_string={"fmt": "xlsx", "shape": "wide", "comments": "y", "desk": IND},
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="survey-ind-start-end.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["ratings", "comments", "codebook"]
    assert [row[0] for row in workbook["ratings"].iter_rows(min_row=2, values_only=True)] == [A, B]


@pytest.mark.parametrize(
    "params",
    [
        {"fmt": "csv", "start": "2020-02-31"},
        {"fmt": "csv", "start": "2020-03-01", "end": "2020-02-01"},
        {"fmt": "csv", "desk": "gemeente"},
        {"fmt": "pdf"},
    ],
)
def test_a_bad_choice_shows_the_form_again_with_the_error(app, client, coordinator, params):
    coordinator.login()
    response = client.get("/coordinator/exports", query_string=params)
    assert response.status_code == 400
    assert 'class="error"' in response.text and "Content-Disposition" not in response.headers


def test_xlsx_rows_beyond_the_sheet_limit_continue_on_a_second_sheet(monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 3)  # the real limit is 1,048,576 rows
    path = tmp_path / "split.xlsx"
    with open(path, "wb") as handle:
        exports.write_xlsx(handle, [("ratings", ["n", "text"], [(i, f"={i}") for i in range(5)])])
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["ratings", "ratings (2)", "ratings (3)"]
    rows = [
        list(r) for name in workbook.sheetnames for r in workbook[name].iter_rows(values_only=True)
    ]
    assert rows == [["n", "text"], [0, "'=0"], [1, "'=1"]] + [
        ["n", "text"],
        [2, "'=2"],
        [3, "'=3"],
    ] + [
        ["n", "text"],
        [4, "'=4"],
    ]


def test_xlsx_cells_keep_their_types_and_lose_control_characters(tmp_path):
    path = tmp_path / "cells.xlsx"
    rows = [(5, 4.5, None, "\x1b[31mred\x00", "=SUM(A1)", "123", True)]
    with open(path, "wb") as handle:
        exports.write_xlsx(handle, [("ratings", list("abcdefg"), rows), ("empty", ["x"], [])])
    workbook = load_workbook(path)
    assert list(workbook["ratings"].iter_rows(values_only=True))[1] == (
        5,
        4.5,
        None,
        "\ufffd[31mred\ufffd",
        "'=SUM(A1)",
        "123",  # text that looks like a number stays text
        "True",
    )
    assert list(workbook["empty"].iter_rows(values_only=True)) == [("x",)]


def test_xlsx_is_not_written_to_a_terminal(app, monkeypatch):
    from survey.cli import data as export_commands

    monkeypatch.setattr(export_commands, "stdout_is_terminal", lambda: True)
    result = run_cli(app, "export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "XLSX is binary: give -o FILE or redirect stdout to a file" in result.output
    assert "PK" not in result.output


def test_an_xlsx_download_too_large_to_build_in_time_is_refused_with_advice(make_app):
    app = make_app(XLSX_DOWNLOAD_MAX_ROWS=3)
    submit(app, A, "2020-02-03T10:00:00Z", [IND], [(IND, "front_desk_staff", 5)])
    submit(app, B, "2020-02-04T10:00:00Z", [IND, EXPAT],
           [(IND, "front_desk_staff", 4), (EXPAT, "front_desk_staff", 4), (EXPAT, "clarity_written_info", 3)])  # fmt: skip
    client = app.test_client()
    CoordinatorActions(app, client).login()
    refused = client.get("/coordinator/exports", query_string={"fmt": "xlsx"})
    assert refused.status_code == 400 and "Content-Disposition" not in refused.headers
    assert "4 ratings are too many for an Excel download (at most 3)" in refused.text
    assert "survey export --format xlsx -o FILE" in refused.text
    allowed = client.get("/coordinator/exports", query_string={"fmt": "xlsx", "desk": EXPAT})
    assert allowed.status_code == 200 and allowed.data.startswith(b"PK")  # 2 ratings
    csv_all = client.get("/coordinator/exports", query_string={"fmt": "csv"})
    assert csv_all.status_code == 200  # CSV streams, so it has no such limit
    assert csv_all.get_data(as_text=True).count("\n") == 5


# Cells the csv module quotes or writes as empty; none of them looks like a formula.
TRICKY_CELLS = [None, "", "None", "a,b", 'say "hi"', "two\nlines", "cr\rhere", 0.1, " lead"]


@pytest.mark.parametrize("through", ["list", "cursor"])
def test_csv_chunks_write_what_csv_writer_writes(fresh_db, through):
    """The fast path (one format string per row) and the csv module agree on every cell kind."""
    size = exports.CHUNK_ROWS
    plain = [(f"r{i}", "café ✓", i, i * 0.1) for i in range(size)]
    assert exports.plain_csv(plain, "{},{},{},{}\r\n") is not None  # the fast path runs
    rows = list(plain)
    for cell in TRICKY_CELLS:  # one chunk per kind, the tricky cell alone in it
        chunk = [(f"t{i}", "x", i, "y") for i in range(size)]
        chunk[size // 2] = ("t", cell, 1, "y")
        rows += chunk
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerows([["a", "b", "c", "d"], *rows])
    if through == "cursor":
        fresh_db.conn.execute("create table t (a, b, c, d)")
        fresh_db.conn.executemany("insert into t values (?, ?, ?, ?)", rows)
        source = fresh_db.conn.execute("select a, b, c, d from t order by rowid")
    else:
        source = rows
    assert "".join(exports.csv_chunks(["a", "b", "c", "d"], source)) == expected.getvalue()


@pytest.mark.parametrize(
    "tablet",
    [None, "", "Plain desk", "café ✓", "a,b", 'say "hi"', "two\nlines", "cr\rhere", " lead"]
    + ["=1+2", "-5", "+x", "@x", "\tx", "'=quoted", "'plain"],
)
def test_lines_joined_by_sqlite_are_the_csv_the_csv_module_writes(app, tablet, tmp_path):
    submit(app, A, "2020-02-03T10:00:00Z", [IND], [(IND, "front_desk_staff", 5)], tablet="Other")
    ratings = [(IND, "front_desk_staff", 4), (IND, "permit_processing", 2)]
    submit(app, B, "2020-02-03T11:00:00Z", [IND], ratings, tablet=tablet)
    db = database(app)
    header = list(store.RATING_COLUMNS)
    lines = store.iter_rating_lines(db)
    through_sqlite = "".join(exports.csv_line_chunks(header, lines, bom=True))
    cells = store.iter_ratings(db)
    through_csv = "".join(exports.csv_chunks(header, cells, bom=True))
    assert through_sqlite == through_csv
    export(app, "-o", str(tmp_path / "long.csv"))  # the CLI takes the SQLite path
    assert (tmp_path / "long.csv").read_bytes() == through_csv.lstrip("\ufeff").encode()
