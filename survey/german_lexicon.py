"""German polarity: the lexicon textblob-de ships (Klenner et al., about 8,000 words), read
from its data file, with inflections, weak participles, compounds by their head and negators.

textblob-de itself does not import under TextBlob 0.20; sentiment.py scores German clauses here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path


@cache
def lexicon() -> dict[str, float]:
    """Word -> polarity from textblob-de's German polarity lexicon (Klenner et al., 8,000 words).

    textblob-de itself does not import under TextBlob 0.20 (it needs the removed translator), so
    its data file is read directly, found through the package's location without importing it.
    """
    import importlib.util
    import xml.etree.ElementTree as ElementTree

    spec = importlib.util.find_spec("textblob_de")
    folder = Path(next(iter(spec.submodule_search_locations)))
    values: dict[str, list[float]] = {}
    for word in ElementTree.parse(folder / "data" / "de-sentiment.xml").getroot():
        form, polarity = word.get("form"), float(word.get("polarity", 0))
        if form and polarity:
            values.setdefault(form.lower(), []).append(polarity)
    found = {form: sum(p) / len(p) for form, p in values.items()}
    # At a desk "fertig" is a document being ready, not a person worn out (-1.0 in the lexicon),
    # "geschickt" is sent somewhere, not skilful (+1.0), and "erledigt" done, not exhausted.
    for word in ("fertig", "geschickt", "erledigt"):
        found.pop(word, None)
    return found


GERMAN_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")
GERMAN_NEGATORS = {"nicht", "kein", "keine", "keiner", "keinen", "keinem", "nie", "niemals", "ohne"}
GERMAN_SKIP = GERMAN_NEGATORS | {"nichts", "niemand", "nein"}  # negators, not judgements


JUDGING_HEAD = re.compile(r"(?:lich|ig|isch|bar|los|voll|haft|sam|keit|heit|end)(?:e[nmrs]?|s)?$")


def _inflected(word: str, lexicon: dict[str, float]) -> float | None:
    value = lexicon.get(word)
    if value is None:
        stems = (word[: -len(e)] for e in GERMAN_ENDINGS if word.endswith(e) and len(word) > 3)
        value = next((lexicon[s] for s in stems if s in lexicon), None)
    return value


SEPARABLE = re.compile(
    r"^(ab|an|auf|aus|bei|dran|durch|ein|fest|her|hin|mit|nach|vor|weg|weiter|zu|zurück|zusammen|um|los)?ge(\w{3,})$"
)


def _participle(word: str, lexicon: dict[str, float]) -> float | None:
    """A weak verb's participle read as its infinitive, which the lexicon lists: "gekümmert" as
    "kümmern", "abgewimmelt" as "abwimmeln", "vertröstet" as "vertrösten", "ignoriert" as
    "ignorieren" (strong verbs change their vowel and stay unread)."""
    for ending in ("e", "en", "er", "es", "em"):  # "die enttäuschten Kunden"
        if word.endswith("t" + ending):
            word = word[: -len(ending)]
            break
    if not word.endswith("t"):
        return None
    split = SEPARABLE.match(word)
    prefix, stem = (split.group(1) or "", split.group(2)) if split else ("", word)
    for infinitive in (stem[:-1] + "en", stem[:-1] + "n", stem[:-2] + "en"):
        if prefix + infinitive in lexicon:
            return lexicon[prefix + infinitive]
    return None


def _value(word: str, lexicon: dict[str, float]) -> float | None:
    """The lexicon's polarity of a word, inflection reduced; for a compound it does not know, that
    of its head, the longest known tail of five letters or more ("superfreundlich",
    "Kundenunfreundlichkeit"). Only heads that judge split off (adjectives and their nouns: -lich,
    -ig, -isch, -bar, -los, -keit, ...): the head of "Wartebereich" is no "reich". The first three
    letters stay on the left, so that "un-" never splits off "unkompliziert"."""
    value = _inflected(word, lexicon)
    if value is None:
        value = _participle(word, lexicon)
    if value is None and JUDGING_HEAD.search(word):
        tails = (word[start:] for start in range(3, len(word) - 4))
        value = next((v for t in tails if (v := _inflected(t, lexicon)) is not None), None)
    return value


def score(text: str) -> float:
    """Mean polarity of the lexicon words, inflections reduced, negators flipping half (pattern)."""
    known = lexicon()
    words = re.findall(r"\w+", text.lower())
    found = []
    for i, word in enumerate(words):
        if word in GERMAN_SKIP or (i and words[i - 1] in ("zu", "allzu")):
            continue  # a negator, or a word under excess ("zu hoch"), which the cues read
        value = _value(word, known)
        if value is None:
            continue
        if any(w in GERMAN_NEGATORS for w in words[max(0, i - 3) : i]):
            value *= -0.5
        found.append(value)
    return sum(found) / len(found) if found else 0.0
