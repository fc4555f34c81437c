"""`survey tag` and `survey retag`."""

import json

from survey import store

from .helpers import database, run_cli


def test_tag_writes_one_json_object_per_input_line(app):
    lines = "Waited 2 hours, mail me at jan@example.nl\nNo issues yet.\n\nLange wachttijd.\n"
    keys = {"language", "polarity", "subjectivity", "label", "topics", "redacted"}
    result = run_cli(app, "tag", "--question", "better", input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 4
    assert all(set(row) == keys for row in rows)
    assert rows[0]["redacted"] == "Waited 2 hours, mail me at [email]"
    assert rows[0]["label"] == "negative" and rows[0]["language"] == "en"
    assert rows[1]["label"] == "positive"  # praise under "What can we do better?"
    assert rows[2] == {
        "language": None,
        "polarity": None,
        "subjectivity": None,
        "label": None,
        "topics": [],
        "redacted": "",
    }
    assert rows[3]["language"] == "nl" and rows[3]["label"] == "negative"
    assert rows[0]["topics"] == ["waiting", "reachability"]  # "mail me": how to reach them
    assert rows[3]["topics"] == ["waiting"]
    assert rows[1]["topics"] == []


def test_tag_without_a_question_does_not_read_nothing_as_praise(app):
    result = run_cli(app, "tag", input="Nothing.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["label"] == "neutral"
    result = run_cli(app, "tag", "--question", "better", input="Nothing.\n")
    assert json.loads(result.output)["label"] == "positive"


def test_tag_refuses_an_unknown_question(app):
    result = run_cli(app, "tag", "--question", "nope", input="Fine.\n")
    assert result.exit_code != 0
    assert "unknown question 'nope'" in result.output


def test_retag_updates_changed_tags_and_reports_the_count(app):
    db = database(app)
    response = {
        "id": "r1",
        "submitted_at": "2021-01-05T10:00:00Z",
        "language": "en",
        "desks": '["ind"]',
        "tablet": "t",
        "source": "test",
        "fingerprint": "f",
    }
    comments = [
        {"desk_id": None, "question_id": "better", "text": "No issues yet.", "redactions": 0,
         "language": "en", "polarity": 0.0, "subjectivity": None, "label": "neutral",
         "topics": None},
        {"desk_id": "ind", "question_id": "permit_processing", "text": "Very efficient and fast.",
         "redactions": 0, "language": "en", "polarity": None, "subjectivity": None, "label": None,
         "topics": None},
    ]  # fmt: skip
    store.save_response(db, response, [], [], comments)
    result = run_cli(app, "retag")
    assert result.exit_code == 0, result.output
    assert "Retagged 2 comments; 2 changed." in result.output
    labels = dict(db.execute("select question_id, label from comments").fetchall())
    assert labels == {"better": "positive", "permit_processing": "positive"}
    # Comments stored before topics existed get them: the question's own topic when they name none.
    stored = dict(db.execute("select question_id, topics from comments").fetchall())
    assert stored == {"better": "[]", "permit_processing": '["processing"]'}
    again = run_cli(app, "retag")
    assert "Retagged 2 comments; 0 changed." in again.output
    assert store.audit_rows(db, "comments.retagged")
