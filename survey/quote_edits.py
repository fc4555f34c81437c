"""What a coordinator may do to a quote: shorten it or redact more, never add words or drop a
negation that keeps a complaint a complaint (coordinator/quotes.py checks every edit)."""

from __future__ import annotations

import difflib
import re

from .redact import PLACEHOLDER


def is_reduction(old: str, new: str) -> bool:
    """True when `new` comes from `old` by deleting characters or replacing spans by placeholders.

    A coordinator may shorten a quote or redact more, never add words: after removing the
    placeholders (each stands for some span of `old`), what is left of `new` must be `old`
    with characters deleted, in the same order.
    """
    rest = PLACEHOLDER.sub("", new)
    remaining = iter(old)
    return all(char in remaining for char in rest)


# Words that turn a statement around, in the four kiosk languages (n't forms included).
NEGATION = re.compile(
    r"(?i)^(?:not|never|no|nobody|nothing|none|nor|neither|without|cannot|\w+n['’]t"
    r"|niet|geen|nooit|niemand|niets|nergens|zonder|nicht|kein\w*|nie|niemals|nichts|ohne"
    r"|ne|n['’]\w*|pas|jamais|aucun\w*|rien|personne|sans)$"
)
# Where a clause ends: punctuation, or a conjunction that starts a new statement.
CLAUSE_END = re.compile(
    r"[.!?;:,\u2013\u2014]|\b(?:and|but|or|because|en|maar|of|omdat|und|aber|oder|weil|et|mais|ou|car)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’]+")


def drops_a_negation(old: str, new: str) -> bool:
    """True when `new` keeps part of a clause of `old` but leaves out a negation in it.

    "not friendly at all and I would never recommend it" -> "friendly and I would recommend it"
    turns a complaint into praise. Dropping whole clauses or sentences, or shortening a clause
    that holds no negation, stays allowed.
    """
    old_words = [(m.group(0).lower(), m.start()) for m in WORD.finditer(old)]
    new_words = [m.group(0).lower() for m in WORD.finditer(PLACEHOLDER.sub(" ", new))]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in old_words], new_words, autojunk=False)
    kept = {
        i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)
    }
    clause_of = [len(CLAUSE_END.findall(old[:start])) for _, start in old_words]
    touched = {clause_of[i] for i in kept}
    return any(
        clause_of[i] in touched and i not in kept and NEGATION.match(word)
        for i, (word, _) in enumerate(old_words)
    )
