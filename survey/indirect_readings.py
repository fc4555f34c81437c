"""Indirect readings of a whole answer, in en/nl/de/fr: what it means beyond what its words say.

- "could be worse" keeps an answer lukewarm;
- sarcasm: under "most satisfied with", the best part was leaving ("honestly? the exit");
- comparison: another place or an earlier time that was better is a complaint about here;
- under "What can we do better?", a bare definite noun phrase names what is wrong ("Parking."),
  while a wish keeps its reason without turning into a complaint ("maybe water for people waiting").

sentiment.py applies them; the scoring functions are passed in (`score` gives the polarity of a
piece of text, `label_for` the label of a polarity) so that this module stays below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .cues import SENTENCE

# "Could be worse" keeps an answer lukewarm ("Not bad, could be worse").
COULD_BE_WORSE = re.compile(
    r"could (?:have been|be) worse|kan (?:erger|slechter)|had (?:erger|slechter) gekund"
    r"|könnte schlimmer sein|hätte schlimmer sein können|(?:aurait pu|pourrait) être pire"
)  # read on cues.fold(text)
# Under "most satisfied with", naming the way out is sarcasm ("honestly? the exit", "that it's
# over", "dat ik weg mocht", "der Ausgang", "la sortie").
LEAVING = re.compile(
    r"(?:the (?:exit|way out)|leaving|(?:getting|get) to (?:leave|go(?: home)?)|(?:could|can|got to|was allowed to|finally) (?:leave|go home)|going home"
    r"|(?:that|when) it(?:'s| is| was) (?:over|done)|de uitgang|(?:weg|naar huis) (?:mocht|kon|ging|gaan)"
    r"|dat het (?:voorbij|afgelopen) (?:is|was)|der ausgang|(?:gehen|nach hause) (?:durfte|konnte)"
    r"|dass es vorbei (?:ist|war)|la sortie|(?:pu |pouvoir )?partir|rentrer(?: chez moi)?"
    r"|(?:que|quand) c'(?:est|était) fini)\W*$",
    re.I,
)
# "In Eindhoven I was done in 20 minutes", "In Den Haag had ik mijn pas binnen twee weken, hier
# zes", "À Lyon c'était plus rapide": an answer that opens with another place or an earlier time
# compares this desk with it. A place is a capitalised name that a clause about the client follows
# (so "In Zukunft bitte ..." or "At IND ..." is none).
ELSEWHERE = re.compile(
    r"^\W*(?:(?:in|at|bij|à|en)\s+(?!(?:Maastricht|IND|Expat|Gemeente|Loket|One Stop|The)\b)"
    r"(?-i:[A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+)?)\s*,?\s+(?:(?:i|we|it|they|you|my|ik|wij|het|ze|had|was"
    r"|waren|ging|kreeg|ich|wir|es|war|hatte|bekam|je|nous|on|ça|il|elle|mon|ma)(?!\w)|j'|c')"
    r"|last time|the time before|(?:in|back in) my (?:home )?country|back home|elsewhere|(?:de )?vorige keer"
    r"|elders|bij ons thuis|in mijn land|(?:beim )?letzte[ns]? mal|bei uns zu hause|in meinem land|anderswo"
    r"|la (?:dernière|fois) (?:fois|d'avant)|dans mon pays|chez nous|ailleurs)",
    re.I,
)
HERE = re.compile(r"(?<!\w)(?:here|hier|ici)(?!\w)", re.I)
# Verbs that open a request ("Make signs", "Zorg voor stoelen", "Macht mehr Termine", "Mettez des
# panneaux").
IMPERATIVES = (
    r"make|add|put|give|offer|provide|let|get|open|hire|use|send|tell|show|keep|stop|try|consider|allow"
    r"|maak|zorg|geef|zet|bied|laat|stuur|houd|probeer|mach|macht|gebt|gib|stellt|bietet|lasst|sorgt"
    r"|faites|mettez|ajoutez|donnez|offrez|proposez|envoyez|pensez|essayez"
)
# Under "What can we do better?", a bare definite noun phrase names what is wrong ("Parking.",
# "De wc's.", "Les toilettes.", "The coat rack."); an indefinite one ("A water dispenser"),
# a comparative ("Bigger screens") or an imperative ("Make signs") is a wish.
BARE_NOUN_PHRASE = re.compile(
    r"^\W*(?!(?:an?|een|eine?[mnrs]?|une?|des|some|wat|quelques|maybe|misschien|vielleicht|peut-être|please"
    rf"|graag|bitte|{IMPERATIVES}|no|geen|kein\w*|pas|aucune?|nothing|niets|niks|nichts|rien|all|alles|tout)\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+){0,4}\s*(?:[.!]+\s*(?=\w)|[.!]*\s*$)",
    re.I,
)
NOT_A_NOUN_PHRASE = re.compile(
    r"(?<!\w)(?:is|are|was|were|be|been|has|have|had|do|does|did|could|would|should|can|will|may|must|zijn"
    r"|waren|heeft|hebben|zou|kan|moet|wordt|werd|ist|sind|war|hat|haben|wäre|kann|muss|wird|est|sont"
    r"|était|ont|serait|peut|doit|better|beter|besser|mieux|meilleure?s?|more|meer|mehr|plus|less|minder"
    r"|weniger|moins|bigger|larger|faster|quicker|shorter|longer|cheaper|clearer|easier|groter|sneller|korter"
    r"|langer|duidelijker|goedkoper|makkelijker|größer|schneller|kürzer|länger|billiger|klarer|deutlicher"
    r"|einfacher|also|too|as well|ook|auch|ebenfalls|aussi|également|thanks?|bedankt|danke|merci|ok|okay"
    r"|prima|fine|good|goed|gut|bien|super|great|top)(?!\w)"
    # an infinitive is a wish: last in Dutch and German ("online laten maken", "anbieten"), first
    # in French ("Ouvrir aussi le samedi")
    r"|(?<!\w)(?-i:[a-zäöü]\w+en)\W*$|^\W*\w+(?:er|ir|re)\b(?!\W*$)",
    re.I,
)
# A request opens with an imperative; an infinitive closes one in Dutch and German ("online laten
# maken") and opens one in French ("Ouvrir aussi le samedi"), a gerund in English ("Having ...").
IMPERATIVE = re.compile(rf"^\W*(?:{IMPERATIVES})(?!\w)", re.I)
INFINITIVE = re.compile(
    r"(?<!\w)(?-i:[a-zäöü]\w+en)\W*$|^\W*\w+(?:er|ir|re)\b(?!\W*$)|^\W*\w+ing(?!\w)", re.I
)
# ... unless a subject or a finite verb shows a statement ("die na mij kwamen werden eerder geholpen")
FINITE = re.compile(
    r"(?<!\w)(?:i|we|they|he|she|it|is|was|were|are|has|had|have|ik|we|wij|ze|zij|hij|men|is|was|waren|werd"
    r"|werden|heeft|hebben|had|kwam|kwamen|ich|wir|sie|er|man|ist|war|waren|sind|wurde|wurden|hat|hatte|kam"
    r"|kamen|je|j'|nous|il|elle|ils|est|était|sont|ont|ai)(?!\w)",
    re.I,
)
# A wish that names what it would fix ("maybe water for people waiting", "Let us pick a time
# online instead of only by phone", "A display with the current waiting time"): its complaint
# words are the reason for the wish, not a complaint of their own.
WISH_OPENING = re.compile(
    r"^\W*(?:maybe|perhaps|misschien|vielleicht|peut-être|peut être|let us|let's|laat ons|lasst uns"
    r"|laissez-nous|(?:an?|een|eine?|une?)\s+(?!(?:\w+\s+)?(?:hours?|minutes?|days?|weeks?|uur|minuten|dagen|weken"
    r"|stunden?|tage?|wochen|heures?|minutes|jours|semaines)\b)\w)",
    re.I,
)
PLEASE = re.compile(
    r"^\W*(?:please|pls|plz|graag|alstublieft|aub|a\.u\.b\.|bitte|svp|s\.v\.p\.|s'il vous plaît)\W*$",
    re.I,
)


def compared(
    text: str, polarity: float, score: Callable[[str], float], label_for: Callable[[float], str]
) -> float:
    """The polarity of an answer that compares this desk with another place or an earlier time.

    "In Aachen war ich nach zehn Minuten dran, hier nach zwei Stunden": what is said of here
    counts; where here is not judged the other place's reading turns around, and where neither is
    ("binnen twee weken, hier zes") the comparison is a complaint;
    with no "here" at all, an other place told without complaint was better ("In Eindhoven I
    was done in 20 minutes").
    """
    if not ELSEWHERE.match(text):
        return polarity
    here = HERE.search(text)
    if here:
        there = score(text[: here.start()]) if here.start() else 0.0
        here_score = score(text[here.end() :]) if text[here.end() :].strip() else 0.0
        if label_for(here_score) != "neutral":
            return here_score
        # neither side judged ("..., hier zes"): a comparison is made to complain
        return -there if label_for(there) != "neutral" else min(polarity, -0.3)
    return polarity if label_for(polarity) == "negative" else min(-polarity, -0.3)


def names_what_is_wrong(
    text: str, polarity: float, score: Callable[[str], float], label_for: Callable[[float], str]
) -> bool:
    """True for a bare definite noun phrase, unjudged, perhaps with a "please" after it: under
    "What can we do better?" it names what is wrong ("Parking.", "Les toilettes. S.v.p.")."""
    first, *rest = SENTENCE.split(text, maxsplit=1)
    if not BARE_NOUN_PHRASE.match(first) or NOT_A_NOUN_PHRASE.search(first):
        return False
    if rest and not PLEASE.match(rest[0]):
        return label_for(polarity) == "neutral"
    return label_for(score(first)) == "neutral"


# Under "What can we do better?" an answer that is neither praise, nor "nothing", nor a wish
# reports what went wrong: "Three people got served before me", "Le répondeur est plein". A
# wish or suggestion says so by a modal, a hope, a question, an imperative or an infinitive.
SUGGESTION = re.compile(
    r"(?<!\w)(?:could|should|can (?:you|we|they|i)|may(?:be)?|might|need(?:s|ed)? (?:a|an|more|some|to)"
    r"|hope|suggest\w*|idea|tip|wish|it'?d|i'?d|how about|what about|why not|if (?:only|you|there)"
    r"|kunnen|kunt|kon|zouden|moet(?:en)? (?:er|jullie|u|je)|hoop|suggestie|idee|tip|wens|waarom niet|als (?:er|jullie|u)"
    r"|könnte|könnten|sollte|sollten|kann man|hoffe|vorschlag|wunsch|warum nicht|wenn (?:es|man|sie)"
    r"|pourriez|pourrait|pourrions|devrait|devriez|faudrait|il faut|espère|suggestion|idée|souhait\w*"
    r"|pourquoi pas|si (?:on|vous|il y))(?!\w)|\?",
    re.I,
)


def reports_a_problem(text: str) -> bool:
    """True for an answer under an improvement question that states a fact, not a wish: what
    went wrong, told plainly. The caller has already taken praise, "nothing" and thanks."""
    first = SENTENCE.split(text, maxsplit=1)[0]
    return not (
        SUGGESTION.search(text)
        or WISH_OPENING.match(text)
        or PLEASE.match(text)
        or BARE_NOUN_PHRASE.match(first)
        or IMPERATIVE.match(text)
        or (INFINITIVE.search(first) and not FINITE.search(first))
        or len(re.findall(r"\w+", text)) < 3
    )
