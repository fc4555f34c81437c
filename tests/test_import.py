"""`survey import`: every bad row reported by line number, nothing imported from a bad file."""

import pytest

from survey import store

from .helpers import database, run_cli

HEADER = "response_id,submitted_at,desk,question,value,language,tablet\n"
R1 = "3f2b8c1e-6a0d-4c1e-9b7a-2d4e5f6a7b8c"
R2 = "0b5e7d3a-1c2f-11eb-8a1e-0242ac130003"  # a version 1 UUID: any RFC 4122 UUID is fine
GOOD = (
    f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,5,en,Paper forms 2020\n"
    f"{R1},2020-02-03T10:00:00Z,ind,permit_processing,4,en,Paper forms 2020\n"
    f"{R2},2020-02-04T09:30:00+01:00,expat_centre,front_desk_staff,3,nl,\n"
)


def write(tmp_path, text, name="in.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def counts(app):
    return store.table_counts(database(app))


def test_a_good_file_is_imported_with_its_times_and_labels(app, tmp_path):
    result = run_cli(app, "import", write(tmp_path, HEADER + GOOD))
    assert result.exit_code == 0, result.output
    assert "Imported 3 ratings (2 new responses)" in result.output
    db = database(app)
    first = store.get_response(db, R1)
    assert first["tablet"] == "Paper forms 2020" and first["source"] == "import"
    assert sorted((r["question_id"], r["value"]) for r in first["ratings"]) == [
        ("front_desk_staff", 5),
        ("permit_processing", 4),
    ]
    second = store.get_response(db, R2)
    assert second["submitted_at"] == "2020-02-04T08:30:00Z"  # stored in UTC
    assert second["tablet"] is None and second["language"] == "nl"


def test_importing_the_same_file_twice_skips_what_is_stored(app, tmp_path):
    path = write(tmp_path, HEADER + GOOD)
    assert run_cli(app, "import", path).exit_code == 0
    again = run_cli(app, "import", path)
    assert again.exit_code == 0
    assert "Imported 0 ratings (0 new responses); 3 already stored were skipped." in again.output
    assert counts(app)["ratings"] == 3


@pytest.mark.parametrize(
    "row, message",
    [
        ("not-a-uuid,2020-02-03T10:00:00Z,ind,front_desk_staff,5,en,x", "is not a UUID"),
        (f"{R1},2020-02-03 10:00,ind,front_desk_staff,5,en,x", "not an ISO-8601 time with a zone"),
        (f"{R1},2020-02-03T10:00:00Z,gemeente,front_desk_staff,5,en,x", "unknown desk 'gemeente'"),
        (f"{R1},2020-02-03T10:00:00Z,ind,friendliness,5,en,x", "unknown question 'friendliness'"),
        (f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,6,en,x", "value '6' must be a whole"),
        (f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,4.0,en,x", "value '4.0' must be"),
        (f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,,en,x", "value '' must be a whole"),
        (f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,5,xx,x", "language 'xx' must be one of"),
        (f"{R1},2020-02-03T10:00:00Z,ind,better,5,en,x", "'better' is not a rating question"),
        (f"{R1},2020-02-03T10:00:00Z,ind,info_living_working,5,en,x", "is not asked at desk 'ind'"),
        (f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,5,en", "expected 7 columns, found 6"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(app, tmp_path, row, message):
    # The bad row is line 4: after the header and two good rows.
    text = HEADER + GOOD.splitlines(keepends=True)[0] + GOOD.splitlines(keepends=True)[2] + row
    result = run_cli(app, "import", write(tmp_path, text + "\n"))
    assert result.exit_code != 0
    problems = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert len(problems) == 1 and problems[0].startswith("line 4: ")
    assert message in problems[0]
    assert "nothing imported (1 problem)" in result.output
    assert counts(app) == {"responses": 0, "ratings": 0, "choices": 0, "comments": 0}


def test_every_problem_is_listed_one_line_each(app, tmp_path):
    text = (
        HEADER
        + f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,5,en,A\n"
        + f"{R1},2020-02-03T11:00:00Z,ind,permit_processing,5,de,B\n"  # line 3: disagrees thrice
        + f"{R1},2020-02-03T10:00:00Z,ind,front_desk_staff,4,en,A\n"  # line 4: answered twice
        + "\n"  # blank lines are ignored but counted
        + f"{R2},yesterday,ind,front_desk_staff,0,en,\n"  # line 6: two problems
    )
    result = run_cli(app, "import", write(tmp_path, text))
    assert result.exit_code != 0
    problems = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert [p.split(":")[0] for p in problems] == ["line 3"] * 3 + ["line 4"] + ["line 6"] * 2
    assert "submitted_at '2020-02-03T11:00:00Z' differs from line 2" in problems[0]
    assert "language 'de' differs from line 2" in problems[1]
    assert "tablet 'B' differs from line 2" in problems[2]
    assert "answers 'front_desk_staff' for desk 'ind' twice (first on line 2)" in problems[3]
    assert counts(app)["responses"] == 0


def test_line_numbers_count_physical_lines_of_quoted_multiline_cells(app, tmp_path):
    header = "response_id,submitted_at,desk,question,text,language,label,polarity,status\n"
    text = (
        header
        + f'{R1},2020-02-03T10:00:00Z,,better,"two\nlines",en,neutral,0.0,pending\n'
        + f"{R1},2020-02-03T10:00:00Z,,most_satisfied,fine,en,happy,0.5,pending\n"
    )
    result = run_cli(app, "import", write(tmp_path, text))
    assert result.exit_code != 0
    assert "line 4: label 'happy' must be empty or one of positive, neutral, negative" in (
        result.output
    )


def test_a_stored_rating_with_another_value_is_an_error_for_that_line(app, tmp_path):
    assert run_cli(app, "import", write(tmp_path, HEADER + GOOD)).exit_code == 0
    changed = GOOD.replace(",4,en,Paper", ",2,en,Paper")
    extra = "9c1d1a43-3f8e-4a59-8f0e-0c6f2f0c1d2e,2020-03-01T10:00:00Z,ind,front_desk_staff,1,en,\n"
    result = run_cli(app, "import", write(tmp_path, HEADER + changed + extra))
    assert result.exit_code != 0
    assert "line 3: response " + R1 + " already has another answer to 'permit_processing'" in (
        result.output
    )
    assert counts(app)["responses"] == 2  # the new response on line 5 was not imported either


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "line 1: the file is empty"),
        ("id,when,rating\n1,2,3\n", "line 1: unknown header; expected response_id,submitted_at"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(app, tmp_path, text, message):
    result = run_cli(app, "import", write(tmp_path, text))
    assert result.exit_code != 0 and message in result.output


def test_a_file_that_is_not_utf8_names_the_line(app, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + GOOD).encode() + "x,y,z,é\n".encode("latin-1"))
    result = run_cli(app, "import", str(path))
    assert result.exit_code != 0
    assert "line 5: not valid UTF-8" in result.output


def test_a_bom_from_excel_is_accepted(app, tmp_path):
    result = run_cli(app, "import", write(tmp_path, "\ufeff" + HEADER + GOOD))
    assert result.exit_code == 0, result.output


def test_comments_are_checked_too(app, tmp_path):
    header = "response_id,submitted_at,desk,question,text,language,label,polarity,status\n"
    text = (
        header
        + f"{R1},2020-02-03T10:00:00Z,ind,better,Too slow,en,negative,-0.3,pending\n"
        + f"{R1},2020-02-03T10:00:00Z,,front_desk_staff,Nice,en,positive,0.5,pending\n"
        + f"{R1},2020-02-03T10:00:00Z,,most_satisfied,Nice,en,positive,2,pending\n"
        + f"{R1},2020-02-03T10:00:00Z,,most_satisfied,,en,,,maybe\n"
    )
    result = run_cli(app, "import", write(tmp_path, text))
    problems = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert problems == [
        "line 2: question 'better' is not asked per desk",
        "line 3: question 'front_desk_staff' takes no free text",
        "line 4: polarity '2' must be a number from -1 to 1",
        "line 5: text is empty",
        "line 5: status 'maybe' must be one of pending, selected, rejected",
    ]
    assert counts(app)["comments"] == 0


def test_comments_from_paper_are_redacted_and_tagged_before_they_are_stored(app, tmp_path):
    header = "response_id,submitted_at,desk,question,text,language,label,polarity,status\n"
    raw = "Very helpful staff, mail me at jan.jansen@example.com"
    text = header + f'{R1},2020-02-03T10:00:00Z,,most_satisfied,"{raw}",en,,,pending\n'
    result = run_cli(app, "import", write(tmp_path, text))
    assert result.exit_code == 0, result.output
    (comment,) = store.get_response(database(app), R1)["comments"]
    assert "jan.jansen@example.com" not in comment["text"] and "[email]" in comment["text"]
    assert comment["redactions"] == 1
    assert comment["label"] == "positive" and comment["polarity"] > 0


def test_conflicts_with_stored_answers_are_listed_in_file_order(app, tmp_path):
    assert run_cli(app, "import", write(tmp_path, HEADER + GOOD)).exit_code == 0
    changed = "".join(reversed(GOOD.splitlines(keepends=True))).replace(",5,en", ",1,en")
    changed = changed.replace(",3,nl", ",2,nl")
    result = run_cli(app, "import", write(tmp_path, HEADER + changed))
    problems = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 4"]
    assert "(3)" in problems[0] and "(5)" in problems[1]
