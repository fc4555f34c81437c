"""Topics: found in every language, stored with each comment, counted on the dashboard, filtered."""

import uuid

import pytest

from survey import store, submission, topic_overview, topics

from .helpers import database


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We waited for an hour in the queue.", ("waiting",)),
        ("De wachttijd was lang.", ("waiting",)),
        ("Mein Termin wurde abgesagt.", ("appointment",)),
        ("La dame à l'accueil était très aimable.", ("staff",)),
        ("The letter was impossible to understand.", ("information",)),
        ("Nobody answers the phone.", ("reachability",)),
        ("Te weinig stoelen in de wachtruimte.", ("facilities",)),
        ("Die Formulare gibt es nur auf Niederländisch.", ("information", "language")),
        # the waiting room is the building, waiting for a decision is processing
        ("The waiting room was clean.", ("facilities",)),
        ("Still waiting for a decision.", ("processing",)),
        ("Thanks!", ()),
    ],
)
def test_topics_in_four_languages(text, expected):
    assert topics.find(text) == expected


def test_the_question_topic_applies_only_when_the_comment_names_none():
    assert topics.find("Very good.", subject="processing") == ("processing",)
    assert topics.find("Nobody answers the phone.", subject="processing") == ("reachability",)


def record(app, answers, desks=("ind",)):
    body = {"id": str(uuid.uuid4()), "language": "en", "desks": list(desks), "answers": answers}
    valid = submission.validate(body, app.extensions["survey"])
    assert submission.record(database(app), valid, "t", "test") == store.CREATED


def test_topics_are_stored_counted_per_desk_and_filter_the_quotes(app, coordinator, client):
    record(app, [{"question": "better", "desk": None, "text": "The wait was far too long."}])
    record(app, [{"question": "better", "desk": None, "text": "Staff friendly, but the queue!"}])
    record(app, [{"question": "most_satisfied", "desk": None, "text": "No queue at all."}])
    record(app, [{"question": "permit_processing", "desk": "ind", "text": "Quick."}])
    table = topic_overview.topic_table(database(app), None, None)
    waiting = next(row for row in table["ind"] if row["topic"] == "waiting")
    assert (waiting["negative"], waiting["positive"], waiting["total"]) == (2, 1, 3)
    assert table["ind"][0]["topic"] == "waiting"  # the most negative topic first
    coordinator.login()
    page = client.get("/coordinator/").get_data(as_text=True)
    assert "/coordinator/quotes?topic=waiting&amp;label=negative" in page
    quotes = client.get("/coordinator/quotes?topic=processing&status=").get_data(as_text=True)
    assert "Quick." in quotes and "The wait was far too long." not in quotes
