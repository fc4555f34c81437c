"""Linguistic cues of desk comments in en/nl/de/fr, read clause by clause.

The general-purpose lexicons (VADER, the pattern lexicons) score words; what they miss in service
feedback are constructions, each written once for the four languages:
- contrast: "friendly, but the wait was long" is read by the clause after "but"; "the staff,
  although I had to wait" by the main clause;
- negation scope: a negator flips a cue within a few words before it (and, in Dutch and German,
  straight after a verb): "not rude at all" is praise, "werkt niet" a complaint;
- burdens and absences (excess, time spent, over and over, still none, nobody answering, what a
  desk should offer missing, difficulty, "a bit ..."), and relief: "no queue", "on time";
- sarcasm: a lone exclamation of praise followed by a burden ("Great, another month to wait").
Readings of a whole answer (question roles, wishes) are in answer_readings.py. Cues are pooled over the
languages: a misdetected language still finds them. The lists of burdens, absences and desk words
are in implicit_cues.py; this module reads them (negation, contrast, relief).
"""

from __future__ import annotations

import re

from .implicit_cues import EXPECTED, IMPLICIT

# Negators per language: pooled, the Dutch "pas" (a card; "only") would read as French "pas".
NEGATORS = {
    "en": r"not|no|never|nobody|no one|none|neither|nor|hardly|barely|isn't|wasn't"
    r"|aren't|weren't|don't|didn't|doesn't|couldn't|can't|cannot|won't|hasn't|haven't",
    "nl": r"niet|geen|nooit|niemand|nergens|amper|nauwelijks",
    "de": r"nicht|kein|keine|keiner|keinen|keinem|nie|niemals|niemand|kaum",
    "fr": r"ne|n'|pas|jamais|personne|aucune?|ni|guère",
}
# "Without" governs its own noun only ("without any problem"; in "zonder reden geschrapt" the
# striking off stays a complaint).
WITHOUT = r"without|zonder|ohne|sans"
# Dutch and German put the negator after the verb ("werkt niet", "funktioniert nicht"): praise
# straight before one is negated too (one word may stand between, not a conjunction).
NEGATION_AFTER = re.compile(
    r"^\s+(?:(?!(?:en|of|maar|und|oder|aber)\b)\w+\s+)?(?:niet|nooit|nauwelijks|nicht|nie|kaum)(?!\w)"
)
NEGATION_BEFORE = {
    language: re.compile(
        rf"(?<!\w)(?:(?:{words})(?!\w)(?:\W+\w+){{0,3}}|(?:{WITHOUT})(?:\W+(?:any|enige|enig|jegliche[nmr]?|aucune?))?)(?!\w)\W*$"
    )
    for language, words in {**NEGATORS, "other": "|".join(NEGATORS.values())}.items()
}

# --- contrast -----------------------------------------------------------------------------------
# "A, but B": B carries the comment. "A, although B": A does.
ADVERSATIVE = re.compile(
    # "yet" and "alleen" turn a sentence only after a comma ("No issues yet" is no contrast),
    # and every marker needs a clause after it.
    r"(?:(?:,|;)\s*(?:yet|though|alleen)|(?:,|;|\s)\s*(?:but|however|maar|echter|aber|jedoch|doch"
    r"|sondern|allerdings|mais|cependant|pourtant|par contre|toutefois))(?!\w)(?=\W*\w)",
)  # read on fold(sentence), as CONCESSIVE
CONCESSIVE = re.compile(
    r"(?:^|,|;|\s)\s*(?:although|though|even though|even if|despite|hoewel|alhoewel|ook al|al was"
    r"|al moest|al duurde|ondanks|obwohl|auch wenn|obgleich|trotz|bien que|même si|malgré|quoique)"
    r"(?!\w)",
)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")

# --- sarcasm: an exclamation of praise standing alone before a burden ---------------------------
EXCLAMATION = re.compile(
    r"^\W*(?:oh|yeah|well|wow|so)?\W*(?:great|wonderful|fantastic|brilliant|perfect|lovely|super"
    r"|excellent|amazing|nice one|geweldig|fantastisch|prachtig|top|heerlijk|toll|prima|klasse"
    r"|wunderbar|großartig|herrlich|génial|parfait|formidable|bravo|magnifique)\W*[,!:]\s*(?=\w)",
    re.I,
)

# --- cues: (pattern, value), value added to the clause's polarity --------------------------------
# The absence of a burden is praise: "no queue", "didn't have to wait", "nothing to complain
# about", "couldn't be more helpful". These phrases are blanked once scored (see `relief`).
ABSENCE: list[tuple[str, float]] = [
    # understatement: "not bad", "niet slecht", "nicht schlecht", "pas mal" is mild praise
    (
        r"not (?:too |that |so |half )?bad|niet (?:zo |eens |half )?slecht|(?:gar )?nicht (?:so |ganz )?"
        r"(?:schlecht|übel)|pas (?:si |trop )?(?:mal|mauvais)",
        0.3,
    ),
    (
        r"no (?:queue|wait(?:ing)?|line|delays?)|geen (?:wachtrij|wachttijd|rij|vertraging)|keine (?:schlange|wartezeit|verzögerung)"
        r"|aucun retard"
        r"|kaum wartezeit|pas (?:de file|d'attente)|presque pas d'attente|sans attente",
        0.6,
    ),
    (
        r"(?:didn'?t|did not|don'?t|never|no need to) (?:have to |need to |had to )?wait|hardly (?:any )?wait\w*"
        r"|(?:hoefde|hoef|hoefden) (?:\w+ ){0,2}niet te wachten|(?:nauwelijks|amper) (?:ge)?wacht\w*"
        r"|(?:musste|muss|mussten) (?:\w+ ){0,2}nicht (?:zu )?warten|kaum gewartet"
        r"|(?:n'ai|n'avons|n'a) (?:\w+ ){0,2}pas (?:eu à |dû )?attendu|pas eu à attendre|sans attendre",
        0.6,
    ),
    (
        r"no (?:problems?|issues?|hassle|complaints?)(?: at all| whatsoever)?|geen (?:enkel )?(?:probleem|problemen|gedoe|klachten)"
        r"|keine (?:probleme|beschwerden)|ohne probleme|aucun problème|sans problème",
        0.6,
    ),
    (
        r"nothing to (?:complain about|improve|criticise|criticize|add)|niets op aan te merken|niks op aan te merken"
        r"|niets te klagen|niks te klagen|nichts zu (?:beanstanden|meckern|bemängeln|verbessern)"
        r"|rien à (?:redire|signaler|ajouter|améliorer)",
        0.6,
    ),
    (
        r"(?:couldn'?t|could not|can'?t|cannot) (?:be|have been) (?:any )?(?:more|better|nicer|friendlier|easier|faster)"
        r"|had niet beter (?:gekund|kunnen)|kon niet beter|hätte nicht besser|nicht besser sein können"
        r"|(?:n'aurait|ne pourrait) pas (?:pu )?être (?:mieux|plus)",
        0.7,
    ),
]
# Promptness is praise too; these phrases stay for the analysers to read.
PROMPT: list[tuple[str, float]] = [
    (r"(?:right |just )?on time|op tijd|pünktlich|à l'heure", 0.4),
    (
        r"took (?:only |just )?(?:one|two|three|five|a few|[1-5]|ten|10) min\w*|duurde (?:maar |slechts )?(?:een|twee|drie|vijf|[1-5]|tien) min\w*"
        r"|dauerte (?:nur )?(?:eine|zwei|drei|fünf|[1-5]|zehn) min\w*|(?:a pris|a duré) (?:que )?(?:une|deux|trois|cinq|[1-5]|dix) min\w*",
        0.4,
    ),
    (
        r"(?:within|in) (?:\d+|a few|five|ten|fifteen|two|vijf|tien|twee|fünf|zehn|cinq|dix) (?:minutes?|minuten|mins?)"
        r"|binnen (?:\w+ )?(?:minuten|kwartier)|the same day|dezelfde dag|am selben tag|le jour même",
        0.5,
    ),
    (
        r"(?:quicker|faster|sooner|sneller|schneller|plus rapide) (?:than|dan|als|que)|(?:much |way )?faster than",
        0.5,
    ),
    (
        r"as (?:promised|agreed)|zoals (?:beloofd|afgesproken)|wie (?:versprochen|vereinbart)|comme (?:promis|convenu)",
        0.5,
    ),
    (
        r"answered (?:every|all)|all (?:my )?questions (?:were )?answered|(?:beantwoordde|beantwoord) (?:\w+ )?al\w*"
        r"|alle (?:meine )?fragen (?:wurden )?beantwortet|répondu à toutes",
        0.5,
    ),
]


def factored(pattern: str, depth: int = 3) -> str:
    """The same alternation with its alternatives grouped by their first letter ("wait|wacht|
    queue" becomes "w(?:ait|acht)|queue"), to `depth` letters deep.

    Python's regular expressions try every alternative at every position; grouped, a position
    tries one group per letter. Within a letter the order is kept; across letters it cannot
    matter, since no two groups match at the same position. Alternatives that do not open with
    a plain letter stay as they are, after the groups (only a search's yes or no, not which
    alternative matched, may use this order).
    """
    alternatives, current, level, in_class, escaped = [], [], 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            level += 1
        elif char == ")":
            level -= 1
        elif char == "|" and level == 0:
            alternatives.append("".join(current))
            current = []
            continue
        current.append(char)
    alternatives.append("".join(current))
    if len(alternatives) < 2 or depth == 0:
        return pattern
    groups: dict[str, list[str]] = {}
    others = []
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if first and first not in "\\.^$*+?{}[]()|" and not rest.startswith(("?", "*", "+", "{")):
            groups.setdefault(first, []).append(rest)
        else:
            others.append(alternative)
    parts = [
        re.escape(first)
        + (f"(?:{factored('|'.join(rests), depth - 1)})" if len(rests) > 1 else rests[0])
        for first, rests in groups.items()
    ]
    return "|".join(parts + others)


def folded(pattern: str) -> re.Pattern:
    """A whole-word pattern for lower-cased text (see `fold`)."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


def fold(text: str) -> str:
    """The text the cue patterns read: lower-cased once, so that they need no IGNORECASE, which
    makes Python's regular expressions compare case-folded characters at every position (twice
    as slow on these patterns)."""
    return text.lower()


# Absent burdens, and what was measured against the client's expectation (implicit_cues.EXPECTED).
ABSENCE_PATTERNS = [(folded(p), v) for p, v in ABSENCE + EXPECTED]
ANY_ABSENCE = folded(factored("|".join(p for p, _ in ABSENCE + EXPECTED)))  # most clauses hold none
PROMPT_PATTERNS = [(folded(p), v) for p, v in PROMPT]
IMPLICIT_PATTERNS = [(folded(p), v) for p, v in IMPLICIT]
# One search that fails exactly when every complaint or praise cue would: most clauses hold none.
ANY_CUE = folded(factored("|".join(p for p, _ in IMPLICIT)))

# "Waiting for the decision" describes a state, and "the waiting room" a room, not a complaint
# about waiting.
PENDING = re.compile(
    r"(?<!\w)(?:wait(?:ing)?[ -]?(?:area|room)|wachtruimte|wachtkamer|wartebereich|warteraum|wartezimmer)"
    r"|(?<!\w)(?:wait(?:ing)?|wachten|afwachten|warten|attendre)\s+(?:for|on|op|auf)?\s*(?:a|an|the|my|een|het|de|mijn"
    r"|die|den|meine?n?|la|le|ma|mon)?\s*(?:decision|outcome|answer|result|beslissing|besluit|uitslag|antwoord"
    r"|entscheidung|bescheid|antwort|décision|réponse|résultat|letter|card|permit|brief|pas|vergunning"
    r"|karte|ausweis|lettre|carte|titre)",
    re.I,
)


def relief(clause: str) -> tuple[float, str]:
    """(score, clause) of the absent burdens ("no queue") and promptness ("on time") named.

    An absent burden is claimed first and blanked from the clause returned, so that neither its
    negator ("no", "didn't") nor its burden ("queue", "wait") is read again by the analysers or
    the complaint cues.
    """
    score = 0.0
    lowered = fold(clause)
    if len(lowered) != len(clause):  # a rare letter whose lower case is longer
        clause = lowered
    for pattern, value in ABSENCE_PATTERNS if ANY_ABSENCE.search(lowered) else ():
        spans = [match.span() for match in pattern.finditer(lowered)]
        if spans:
            score += value
            for start, end in reversed(spans):
                clause = clause[:start] + " , " + clause[end:]
                lowered = lowered[:start] + " , " + lowered[end:]
    for pattern, value in PROMPT_PATTERNS:
        if pattern.search(lowered):
            score += value
    return score, clause


def cue_score(clause: str, language: str = "other") -> float:
    """Sum of the complaint and praise cues in one clause, each flipped by a negator before it.

    A negated complaint becomes mild praise ("not rude at all"); negated praise a complaint.
    Run `relief` first: this counts only what it left.
    """
    score = 0.0
    clause = fold(clause)
    first = ANY_CUE.search(clause)
    if not first:
        return score
    negation = NEGATION_BEFORE.get(language, NEGATION_BEFORE["other"])
    # No cue starts before the first position any cue matches at: each is looked for from there.
    found = [
        (match.start(), match.end(), value)
        for pattern, value in IMPLICIT_PATTERNS
        for match in pattern.finditer(clause, first.start())
    ]
    # The longest cue wins where cues overlap: "slecht bereikbaar" is one complaint, not a
    # complaint plus the praise word "bereikbaar".
    taken: list[tuple[int, int]] = []
    for start, end, value in sorted(found, key=lambda f: f[0] - f[1]):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        if negation.search(clause[:start]) or (
            value > 0 and language in ("nl", "de", "other") and NEGATION_AFTER.match(clause[end:])
        ):
            score += -0.5 * value if value < 0 else -value
        else:
            score += value
    return score


def split_contrast(sentence: str) -> tuple[str, str, float] | None:
    """(minor part, main part, weight of the minor part) of a contrasted sentence, or None."""
    lowered = fold(sentence)
    if len(lowered) != len(sentence):  # a rare letter whose lower case is longer
        sentence = lowered
    concessive = CONCESSIVE.search(lowered)
    if concessive and concessive.start() == 0:
        # "Although it was busy, the staff were kind": the main clause follows the comma.
        rest = sentence[concessive.end() :]
        comma = rest.find(",")
        if comma > 0:
            return rest[:comma], rest[comma + 1 :], 0.1
    adversative = ADVERSATIVE.search(lowered)
    if adversative and adversative.start() > 0:
        return sentence[: adversative.start()], sentence[adversative.end() :], 0.3
    if concessive and concessive.start() > 0:
        return sentence[concessive.end() :], sentence[: concessive.start()], 0.1
    return None  # "Despite the appointment an hour's wait": one clause
