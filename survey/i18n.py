"""Languages: numbers and dates per locale, and how complete each translation is.

The kiosk speaks every language in questions.yaml (en, nl, de, fr); coordinator pages speak
English and Dutch. An interface string without a translation falls back to English at run
time (gettext does this); `survey check` reports the gaps so they get filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from babel.messages.pofile import read_po

from .questionnaire import Questionnaire
from .vocabulary import COORDINATOR_LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
# Source files whose strings a client on the tablet can see; everything else (coordinator pages,
# the accessibility statement) is shown in English or Dutch only.
KIOSK_SOURCES = (
    "survey/kiosk/",
    "survey/submission.py",
    "survey/errors.py",
    "survey/templates/kiosk/",
    "survey/templates/errors/",
    "survey/templates/base.html",
    "survey/templates/_macros.html",
)


def format_number(value: float | int | None, digits: int = 0) -> str:
    """A number with the current locale's separators (1.234,5 in nl and de, 1 234,5 in fr)."""
    from flask_babel import format_decimal

    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


def format_percent(fraction: float | None) -> str:
    """A fraction as a whole percentage in the current locale (87 % in fr, 87% in en)."""
    from flask_babel import format_percent as babel_percent

    return "–" if fraction is None else babel_percent(fraction)


def format_day(value: date | datetime | str | None, style: str = "long") -> str:
    """A day in the current locale: 30 November 2026, 30 november 2026, 30. November 2026."""
    from flask_babel import format_date

    if value in (None, ""):
        return "–"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_date(value, format=style)


# What the accessibility statement reports; tests/browser checks the axe-core version it runs.
AXE_CORE_VERSION = "4.14.1"
TESTED_ON = date(2026, 11, 30)


def accessibility_tested(loaded: Questionnaire) -> dict:
    """The facts the accessibility statement states: axe-core version, day, languages."""
    return {
        "axe": AXE_CORE_VERSION,
        "day": TESTED_ON,
        "languages": ", ".join(loaded.languages.values()),
    }


def init_app(app) -> None:
    """Register the locale-aware template filters (number, percent, day) and language names."""
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(format_day, "day")
    app.context_processor(lambda: {"coordinator_languages": COORDINATOR_LANGUAGES})


def is_kiosk_message(locations) -> bool:
    """True when any source location of a message is seen by clients on the tablet."""
    return any(path.startswith(KIOSK_SOURCES) for path, _line in locations)


@dataclass
class Coverage:
    """What is missing in one language: interface strings (kiosk / coordinator) and texts."""

    language: str
    name: str
    kiosk_total: int = 0
    coordinator_total: int = 0
    kiosk_missing: list[str] = field(default_factory=list)
    coordinator_missing: list[str] = field(default_factory=list)
    texts_total: int = 0
    texts_missing: list[str] = field(default_factory=list)
    catalogue: str | None = None  # None for the source language (English needs no catalogue)


def questionnaire_texts(loaded: Questionnaire):
    """Every translatable text in questions.yaml as (place, texts-per-language)."""
    for desk in loaded.desks:
        yield f"desk {desk.id}", desk.name
    for question in loaded.questions:
        yield f"question {question.id}", question.text
        for option in question.options:
            yield f"question {question.id} option {option.id}", option.text


def coverage(
    loaded: Questionnaire, coordinator_languages: tuple[str, ...], folder: Path = TRANSLATIONS
) -> list[Coverage]:
    """Per language of the questionnaire: the missing interface strings and question texts.

    The template (messages.pot) lists every string with its source locations, which tell kiosk
    strings from coordinator strings; a string absent from a language's .po, empty or fuzzy
    (fuzzy entries are not compiled) is missing.
    """
    template = _catalogue(folder / "messages.pot")
    results = []
    source = loaded.default_language
    for code, name in loaded.languages.items():
        result = Coverage(code, name)
        for place, texts in questionnaire_texts(loaded):
            result.texts_total += 1
            if not (texts.get(code) or "").strip():
                result.texts_missing.append(place)
        translated: set = set()
        if code != source:
            po_path = folder / code / "LC_MESSAGES" / "messages.po"
            result.catalogue = str(po_path)
            translated = {
                message.id
                for message in _catalogue(po_path)
                if not message.fuzzy
                and (all(message.string) if isinstance(message.string, tuple) else message.string)
            }
        for message in template:
            kiosk = is_kiosk_message(message.locations)
            if kiosk:
                result.kiosk_total += 1
            else:
                result.coordinator_total += 1
            if code != source and message.id not in translated:
                text = message.id if isinstance(message.id, str) else message.id[0]
                (result.kiosk_missing if kiosk else result.coordinator_missing).append(text)
        if code not in coordinator_languages:
            result.coordinator_missing = []  # coordinator pages are not offered in it
        results.append(result)
    return results


def _catalogue(path: Path) -> list:
    """The messages of a .po or .pot file; none when the file does not exist."""
    if not path.exists():
        return []
    with open(path, "rb") as handle:
        return [message for message in read_po(handle) if message.id]
