"""Readings measured against what the client expected, and the improvement question's default,
in each of the four languages (sentences that appear in no data set)."""

import pytest

from survey import questionnaire, sentiment

from .helpers import QUESTIONS

SURVEY = questionnaire.load(QUESTIONS)


def tagged(text, language, question=None):
    return sentiment.tag_answer(text, language, SURVEY.question(question) if question else None)


@pytest.mark.parametrize(
    ("text", "language", "question", "label"),
    [
        # earlier or less than expected is praise ...
        ("The residence card was there after only eight days.", "en", None, "positive"),
        ("Mijn verblijfsdocument was al na zes dagen binnen.", "nl", None, "positive"),
        ("Der Bescheid kam schon nach acht Tagen.", "de", None, "positive"),
        ("Le courrier est arrivé déjà au bout de huit jours.", "fr", None, "positive"),
        ("Nach bloß zwanzig Minuten war ich wieder draußen.", "de", None, "positive"),
        ("Je n'ai attendu que cinq minutes.", "fr", "most_satisfied", "positive"),
        # ... later than expected a complaint
        ("The letter only came after seven weeks.", "en", None, "negative"),
        ("Het uittreksel kwam pas na zeven weken.", "nl", None, "negative"),
        ("Die Bestätigung kam erst nach sieben Wochen.", "de", None, "negative"),
        ("Je n'ai eu la carte qu'au bout de sept semaines.", "fr", None, "negative"),
        # waiting already for hours stays a burden
        ("We have been sitting here already for three hours.", "en", None, "negative"),
        ("Ich sitze hier schon seit drei Stunden.", "de", None, "negative"),
        # surprise at the outcome is praise; expecting a burden is not
        ("The stamp was done at once, I didn't expect that.", "en", "most_satisfied", "positive"),
        ("Meteen een afspraak, dat had ik niet verwacht.", "nl", None, "positive"),
        ("Sofort ein Termin, das hätte ich nicht gedacht.", "de", None, "positive"),
        ("Un rendez-vous tout de suite, je ne m'attendais pas à ça.", "fr", None, "positive"),
        # help nobody asked for is praise
        ("She printed the form for me without me asking.", "en", None, "positive"),
        ("Hij belde de gemeente voor me zonder dat ik het vroeg.", "nl", None, "positive"),
        (
            "Er hat mir von sich aus den Weg zum Schalter gezeigt.",
            "de",
            "most_satisfied",
            "positive",
        ),
        ("Il a vérifié mes papiers sans que je demande.", "fr", None, "positive"),
        # being spared something is praise
        ("The desk posted the card to me, which saved me a second trip.", "en", None, "positive"),
        ("Het scheelde me een halve dag vrij nemen.", "nl", "most_satisfied", "positive"),
        ("Das hat mir eine zweite Fahrt erspart.", "de", None, "positive"),
        ("Ça m'a évité un deuxième déplacement.", "fr", None, "positive"),
        # at last understood, and now able, is praise
        ("At last I understand how the health insurance works.", "en", None, "positive"),
        ("Nu weet ik welke papieren ik voor de huurtoeslag nodig heb.", "nl", None, "positive"),
        ("Endlich verstehe ich die Steuererklärung.", "de", None, "positive"),
        ("Maintenant je sais quoi faire pour la mutuelle.", "fr", None, "positive"),
        # nothing about what the client came for is a complaint; "nothing to add" is not
        ("Nothing on pensions.", "en", "info_living_working", "negative"),
        ("Niets over kinderopvang.", "nl", "info_living_working", "negative"),
        ("Nichts über Kindergeld.", "de", "info_living_working", "negative"),
        ("Pas d'infos sur les crèches.", "fr", "info_living_working", "negative"),
        ("Alles gut, nichts zu verbessern.", "de", "better", "positive"),
        # under excess the adjective's own praise does not count
        ("Die Kosten sind viel zu hoch.", "de", None, "negative"),
    ],
)
def test_what_was_expected_decides_in_every_language(text, language, question, label):
    assert tagged(text, language, question).label == label


@pytest.mark.parametrize(
    ("text", "language", "label"),
    [
        # under "What can we do better?" a fact told plainly reports what went wrong ...
        ("The lady before me took forty forms out of her bag.", "en", "negative"),
        ("Het loket sloot terwijl er nog vijf mensen stonden.", "nl", "negative"),
        ("Die Anzeigetafel zeigte die ganze Zeit dieselbe Nummer.", "de", "negative"),
        ("Le numéro indiqué sur la lettre sonne dans le vide.", "fr", "negative"),
        # ... while a wish or a suggestion stays neutral
        ("Could you put the forms online as well", "en", "neutral"),
        ("Graag een wachtrijscherm bij de ingang", "nl", "neutral"),
        ("Ein Wasserspender im Wartebereich wäre schön", "de", "neutral"),
        ("Il faudrait un panneau à l'entrée", "fr", "neutral"),
        ("Having the opening hours on the door", "en", "neutral"),
        ("Is there a way to book for two people?", "en", "neutral"),
        # "not known yet" is no complaint
        ("Weet ik nog niet", "nl", "neutral"),
    ],
)
def test_a_plain_fact_under_the_improvement_question_reports_a_problem(text, language, label):
    assert tagged(text, language, "better").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a weak verb's participle reads as its infinitive in the lexicon, separable or not
        ("Am Telefon wurde ich nur abgewimmelt.", "negative"),
        ("Die Beraterin hat sich rührend um uns gekümmert.", "positive"),
        ("Über den Ablauf habe ich mich sehr geärgert.", "negative"),
        # spans on end are a burden
        ("Wir haben wochenlang nichts gehört.", "negative"),
        # helped on, and its negation
        ("Mir wurde sofort weitergeholfen.", "positive"),
        ("Keiner konnte mir weiterhelfen.", "negative"),
    ],
)
def test_german_participles_and_separable_verbs(text, label):
    assert tagged(text, "de").label == label
