"""Comments are tagged after the survey is stored, by the first read that shows them."""

import csv
import io
import json

from survey import store, tagging
from survey.db import get_db

from .helpers import Tablet, database, page_text, payload, run_cli

COMPLAINT = "The staff were rude and I waited two hours."


def submit(tablet, text, question="better"):
    body = payload(answers=[{"question": question, "desk": None, "text": text}])
    answer = tablet.post(body)
    assert answer.status_code == 201, answer.json
    return body["id"]


def stored_comment(app, response_id):
    return store.get_response(database(app), response_id)["comments"][0]


def test_a_kiosk_comment_is_acknowledged_untagged_and_shown_tagged(app, coordinator):
    tablet = Tablet(app)
    rid = submit(tablet, COMPLAINT + " Call me on 06 12345678.")
    waiting = stored_comment(app, rid)
    assert waiting["text"] == COMPLAINT + " Call me on [phone]."  # redacted before the write
    assert (waiting["label"], waiting["topics"]) == (None, None)
    coordinator.login()
    page = coordinator.client.get("/coordinator/quotes?label=negative&topic=waiting").text
    assert "rude and I waited two hours" in page
    tagged = stored_comment(app, rid)
    assert tagged["label"] == "negative"
    assert {"staff", "waiting"} <= set(json.loads(tagged["topics"]))


def test_the_comments_export_tags_what_waits(app):
    rid = submit(Tablet(app), COMPLAINT)
    result = run_cli(app, "export", "--comments")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["label"], "waiting" in r["topics"].split()) for r in rows] == [("negative", True)]
    assert stored_comment(app, rid)["label"] == "negative"


def test_a_catch_up_is_bounded_and_the_next_one_goes_on(app, coordinator):
    tablet = Tablet(app)
    for n in range(3):
        submit(tablet, f"Very kind staff, thank you ({n}).", question="most_satisfied")
    db, questionnaire = database(app), app.extensions["survey"]
    assert tagging.tag_untagged(db, questionnaire, limit=2) == 2
    coordinator.login()
    coordinator.client.get("/coordinator/?period=all")  # the dashboard tags the third
    assert tagging.tag_untagged(db, questionnaire) == 0
    assert "Very kind staff" in coordinator.client.get("/coordinator/quotes?label=positive").text


def test_retag_reports_checked_and_changed(app):
    submit(Tablet(app), COMPLAINT)
    first = run_cli(app, "retag")
    assert first.exit_code == 0 and first.output.strip() == "Retagged 1 comments; 1 changed."
    again = run_cli(app, "retag")
    assert again.output.strip() == "Retagged 1 comments; 0 changed."


def test_a_database_that_refuses_writes_still_shows_the_pages(app, coordinator):
    coordinator.login()
    rid = submit(Tablet(app), COMPLAINT)
    with app.app_context():
        get_db().execute("pragma query_only = on")  # as a full disk or a read-only file would
        try:
            page = coordinator.client.get("/coordinator/?period=all")
            quotes = coordinator.client.get("/coordinator/quotes")
        finally:
            get_db().execute("pragma query_only = off")
    assert page.status_code == 200 and quotes.status_code == 200
    assert "rude and I waited two hours" in quotes.text and "untagged" in quotes.text
    assert stored_comment(app, rid)["label"] is None  # tagged by a later read instead


def test_what_one_page_view_leaves_untagged_is_counted_as_such(app, coordinator, monkeypatch):
    monkeypatch.setattr(tagging, "CATCH_UP_LIMIT", 2)  # a backlog longer than one view tags
    coordinator.login()
    tablet = Tablet(app)
    for n in range(3):
        submit(tablet, f"Very kind staff, thank you ({n}).", question="most_satisfied")
    first = page_text(coordinator.client.get("/coordinator/?period=all"))
    assert "positive neutral negative untagged" in first
    assert "Questions for every visit 2 0 0 1" in first
    second = page_text(coordinator.client.get("/coordinator/?period=all"))
    assert "Questions for every visit 3 0 0" in second and "untagged" not in second
