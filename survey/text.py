"""One sanitiser for every text the system takes in (forms, JSON, files, the CLI).

Control characters (ESC sequences that recolour a terminal, NUL, bell) and the Unicode bidi
controls (U+202E shows text reversed) have no place in a comment, a name or a label: they are
removed before anything is checked, stored or shown. Line breaks and tabs stay. Letters, digits,
emoji and their joiners are untouched; NFKC folding is only for matching (redact.normalise).
"""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates, the directional marks, and the BOM / word joiner.
BIDI_AND_INVISIBLE = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2060"
UNWANTED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_AND_INVISIBLE}]")
# An ESC sequence is removed whole, so "\x1b[31m" leaves no "[31m" behind.
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)?")


def clean(value):
    """`value` without control and bidi characters (\\r\\n as \\n); non-strings pass unchanged."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    return UNWANTED.sub("", ESCAPE_SEQUENCE.sub("", value))


NAME_MAX = 100  # tablet, user and token names


def clean_name(value: object) -> str | None:
    """A tablet, user or token name cleaned and stripped; None unless it is 1-NAME_MAX characters."""
    name = clean(value).strip() if isinstance(value, str) else ""
    return name if 0 < len(name) <= NAME_MAX else None
