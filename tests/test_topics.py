"""Topics: found in every language, stored with each comment, counted on the dashboard, filtered."""

import csv
import io
import json
import re
import uuid

import pytest
from openpyxl import load_workbook

from survey import cues, overview, store, submission, tagging, topics

from .helpers import database, run_cli


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
        # circumstance is blanked: waiting in passing, a waiting list, someone at the entrance
        ("Comfortable chairs while waiting.", ("facilities",)),
        ("Ich stand auf der Warteliste für eine Wohnung.", ()),
        ("The guard at the entrance was kind.", ("staff",)),
        # a booking site is appointment; someone's phone in use is staff
        ("The booking website kept crashing.", ("appointment",)),
        ("The officer was on her phone the whole time.", ("staff",)),
        # one's own command of a language; hours spent and one's turn are waiting
        ("Met mijn Engels kwam ik er niet uit.", ("language",)),
        ("We were there for 3 hours.", ("waiting",)),
        ("Finally my turn after the whole morning.", ("waiting",)),
    ],
)
def test_topics_in_four_languages(text, expected):
    assert topics.find(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # objects of the building, in compounds too
        ("The photocopier and the printer were both jammed.", ("facilities",)),
        ("De kapstok hangt vol en er is geen wc-papier.", ("facilities",)),
        ("Der Kaffeeautomat schluckt Münzen.", ("facilities",)),
        ("L'ascenseur ne marche pas.", ("facilities",)),
        # paying and biometrics belong to the application, whatever screen it is paid on
        ("The card terminal rejected my bank card twice.", ("processing",)),
        ("Waarom kan ik de leges niet contant betalen?", ("processing",)),
        ("Die Gebühr ist zu hoch.", ("processing",)),
        ("On a pris mes empreintes deux fois.", ("processing",)),
        # one's number called is the queue, not a phone call
        ("They called number 80 before mine.", ("waiting",)),
        ("Mijn nummer werd pas na de lunch omgeroepen.", ("waiting",)),
        ("Meine Wartenummer wurde übersprungen.", ("waiting",)),
        ("Ils ont appelé mon numéro trop vite.", ("waiting",)),
        # callbacks and chat are ways to reach the desk
        ("Nobody called me back as promised.", ("reachability",)),
        ("De chatfunctie gaf geen antwoord.", ("reachability",)),
        ("Der Rückruf kam nie.", ("reachability",)),
        # interpreters and other languages
        ("There was no interpreter for Turkish.", ("language",)),
        ("Ik had een tolk nodig.", ("language",)),
        ("Un traducteur aurait aidé.", ("language",)),
        # an appointment one had is the circumstance of a wait; one kept on time is punctuality
        ("An hour of waiting even though I had an appointment.", ("waiting",)),
        ("Trotz Termin 40 Minuten gesessen.", ("waiting",)),
        ("Mijn afspraak begon precies op tijd.", ("waiting",)),
        # a time span alone is waiting; beside a document, how long the processing took
        ("I sat there for two hours.", ("waiting",)),
        ("My driving licence was ready in 20 minutes.", ("processing",)),
        # what a letter or a telling is about is information's content, not a topic of its own
        ("The letter about the appointment change was confusing.", ("information",)),
        ("Niemand vertelt je dat de afspraak voor de pas apart is.", ("information",)),
        ("Personne ne dit que le rendez-vous est annulé.", ("information",)),
        # a comment that opens with a person is about that person, not the place named in passing
        ("The man at the lift was very kind.", ("staff",)),
        ("Die Frau im Wartebereich war sehr nett.", ("staff",)),
        # "interminable" holds no "Termin", a welcome wish no staff, "ga zo door" no getting through
        ("La queue était interminable.", ("waiting",)),
        ("Een koffieautomaat zou welkom zijn.", ("facilities",)),
        ("Ga zo door met de website.", ("information",)),
    ],
)
def test_topics_by_concept_and_by_what_the_comment_is_about(text, expected):
    assert topics.find(text) == expected


def test_the_question_topic_outweighs_a_time_span_named_in_passing():
    assert topics.find("All of it in one hour.") == ("waiting",)
    assert topics.find("All of it in one hour.", subject="information") == ("information",)


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
    tagging.tag_untagged(database(app), app.extensions["survey"])  # as any page that shows them
    table = overview.topic_table(database(app), None, None)
    waiting = next(row for row in table["ind"] if row["topic"] == "waiting")
    assert (waiting["negative"], waiting["positive"], waiting["total"]) == (2, 1, 3)
    assert table["ind"][0]["topic"] == "waiting"  # the most negative topic first
    coordinator.login()
    page = client.get("/coordinator/").get_data(as_text=True)
    link = "/coordinator/quotes?desk=ind&amp;topic=waiting&amp;label=negative&amp;from=&amp;to=&amp;status="
    assert link in page
    # The link shows exactly the comments counted, answers to "What can we do better?" included.
    quotes = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "2 comments; page 1 of 1" in quotes
    quotes = client.get("/coordinator/quotes?topic=processing&status=").get_data(as_text=True)
    assert "Quick." in quotes and "The wait was far too long." not in quotes
    elsewhere = client.get("/coordinator/quotes?desk=expat_centre&status=").get_data(as_text=True)
    assert "The wait was far too long." not in elsewhere


def test_topics_are_exported_described_in_the_codebook_and_imported_back(app, tmp_path, make_app):
    record(app, [{"question": "better", "desk": None, "text": "Nobody answers the phone."}])
    exported = run_cli(app, "export", "--comments", "--format", "csv")
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert list(rows[0])[-1] == "topics" and rows[0]["topics"] == "reachability"
    lines = run_cli(app, "export", "--comments", "--format", "json").output.splitlines()
    assert json.loads(lines[0])["topics"] == "reachability"
    book = tmp_path / "out.xlsx"
    assert run_cli(app, "export", "--comments", "--format", "xlsx", "-o", str(book)).exit_code == 0
    codebook = {row[0]: row for row in load_workbook(book)["codebook"].iter_rows(values_only=True)}
    assert codebook["topics"][1] == "column"
    assert all(
        codebook[topic][1:3] == ("topic", topics.DESCRIPTIONS[topic]) for topic in topics.TOPICS
    )
    # The file goes back into an empty instance, topics tagged afresh from the text.
    path = tmp_path / "comments.csv"
    path.write_text(exported.output, encoding="utf-8")
    other = make_app(DATABASE=str(tmp_path / "other.sqlite3"))
    assert run_cli(other, "import", str(path)).exit_code == 0
    stored = database(other).execute("select topics from comments").fetchall()
    assert stored == [('["reachability"]',)]


def test_grouping_alternatives_by_letter_keeps_what_a_search_finds():
    pattern = r"wait|wacht|queue|w(?:ar)?te|\d+ min|late\b|lat(?:er)?|(?:on|op) time"
    grouped = re.compile(cues.factored(pattern))
    assert grouped.pattern != pattern
    for text in (
        "we waited",
        "wachten",
        "a queue",
        "warte",
        "wte",
        "20 min",
        "later",
        "on time",
        "nothing",
    ):
        assert bool(grouped.search(text)) == bool(re.search(pattern, text)), text
