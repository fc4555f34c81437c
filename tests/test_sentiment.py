"""Comment tagging: language, polarity, label; question-aware; measured on our desk comments."""

import csv
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from survey import sentiment, store, submission
from survey.sentiment import NEGATIVE_BELOW, POSITIVE_ABOVE, tag

from .helpers import ROOT, database

OWN = Path(__file__).parent / "data" / "desk_comments.tsv"


def own_set():
    with open(OWN, encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if not row[0].startswith("#")]


def test_the_desk_comment_set_covers_every_language_and_question_and_the_seed_quotes():
    rows = own_set()
    assert len(rows) >= 300
    assert {r[0] for r in rows} == {"en", "nl", "de", "fr"}
    assert {r[1] for r in rows} == {
        "info_living_working",
        "permit_processing",
        "most_satisfied",
        "better",
    }
    texts = {r[3] for r in rows}
    seed_quotes = [
        "Straightforward process and friendly people.",
        "No issues yet.",
        "Not sure, all was good.",
    ]
    assert set(seed_quotes) <= texts


def test_at_least_80_percent_right_over_three_classes_on_our_desk_comments(capsys):
    rows = own_set()
    per_language: dict[str, list[bool]] = {}
    for language, question, label, text in rows:
        per_language.setdefault(language, []).append(tag(text, language, question).label == label)
    right = sum(sum(hits) for hits in per_language.values())
    summary = (
        f"own desk comments: {right}/{len(rows)} = {right / len(rows):.1%} right; "
        + ", ".join(f"{lang} {sum(h) / len(h):.1%}" for lang, h in sorted(per_language.items()))
    )
    with capsys.disabled():  # the numbers show in every pytest run, not only on failure
        print(f"\n{summary}")
    assert right / len(rows) >= 0.80, summary


@pytest.mark.parametrize(
    ("text", "language", "question", "label"),
    [
        ("No issues yet.", "en", "better", "positive"),
        ("Nothing, all was good", "en", "better", "positive"),
        ("Niets", "nl", "better", "positive"),
        ("Not sure", "en", "better", "neutral"),
        ("Not sure, all was good.", "en", "better", "positive"),
        ("The staff were not friendly.", "en", None, "negative"),
        ("We waited two hours.", "en", None, "negative"),
        ("Long queue at the entrance.", "en", None, "negative"),
        ("Rude.", "en", None, "negative"),
        ("Very efficient and fast.", "en", None, "positive"),
        ("My appointment was cancelled twice.", "en", None, "negative"),
        ("Can't wait to come back!", "en", None, "positive"),
        ("Ik heb 3 weken gewacht.", "nl", None, "negative"),
        ("Lange wachttijd.", "nl", None, "negative"),
        ("Lange Wartezeit.", "de", None, "negative"),
        ("Longue attente.", "fr", None, "negative"),
    ],
)
def test_domain_negation_and_question_awareness(text, language, question, label):
    assert tag(text, language, question).label == label


def test_nothing_is_praise_only_under_the_improvement_question():
    assert tag("Nothing.", "en", "better").label == "positive"
    assert tag("Nothing.", "en", "most_satisfied").label != "positive"


def test_language_comes_from_the_kiosk_or_the_detector():
    assert tag("De medewerkers waren heel vriendelijk en behulpzaam.").language == "nl"
    assert tag("Die Mitarbeiter waren sehr freundlich und hilfsbereit.").language == "de"
    assert tag("Le personnel était très aimable et serviable.").language == "fr"
    assert tag("The staff were very friendly and helpful.").language == "en"
    # The kiosk's choice wins over the detector.
    assert tag("Prima.", "nl").language == "nl"


def test_german_and_french_tags_are_low_confidence_without_subjectivity():
    for text, language in (("Sehr gut.", "de"), ("Très bien.", "fr")):
        result = tag(text, language)
        assert result.confidence == sentiment.LOW and result.subjectivity is None
    english = tag("Very good.", "en")
    assert english.confidence == sentiment.HIGH and 0 <= english.subjectivity <= 1


def test_labels_follow_the_thresholds_and_empty_text_has_no_tag():
    assert (POSITIVE_ABOVE, NEGATIVE_BELOW) == (0.1, -0.1)
    assert sentiment.label_for(0.1) == "neutral"
    assert sentiment.label_for(0.11) == "positive"
    assert sentiment.label_for(-0.11) == "negative"
    assert tag("   ") is None


def test_the_dutch_pack_imports_without_warnings_even_when_compiled_afresh(tmp_path):
    # A fresh pycache forces Python to compile textblob-nl, which is when it warns.
    code = "from survey import sentiment; print(sentiment.tag('Lange wachttijd.', 'nl').label)"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-X", f"pycache_prefix={tmp_path}", "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "negative"


def test_a_submitted_comment_is_stored_redacted_and_tagged(app):
    questionnaire = app.extensions["survey"]
    body = {
        "id": str(uuid.uuid4()),
        "language": "en",
        "desks": ["ind"],
        "answers": [
            {"question": "better", "desk": None, "text": "Rude staff. Mail me: jan@example.nl"},
            {"question": "permit_processing", "desk": "ind", "text": "Very efficient and fast."},
        ],
    }
    valid = submission.validate(body, questionnaire)
    with app.app_context():
        from survey.db import get_db

        assert submission.record(get_db(), valid, "t", "test") == store.CREATED
    stored = store.get_response(database(app), body["id"])["comments"]
    by_question = {c["question_id"]: c for c in stored}
    assert by_question["better"]["text"] == "Rude staff. Mail me: [email]"
    assert by_question["better"]["redactions"] == 1
    assert by_question["better"]["label"] == "negative"
    assert by_question["permit_processing"]["label"] == "positive"
    assert by_question["permit_processing"]["language"] == "en"
    everything = database(app).execute("select * from comments").fetchall()
    assert "jan@example.nl" not in repr(everything)
