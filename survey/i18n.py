"""Languages: interface strings per language, template filters, how complete each translation is.

The kiosk speaks every language in questions.yaml (en, nl, de, fr); coordinator pages speak
English and Dutch. An interface string without a translation falls back to English at run
time (gettext does this); `survey check` reports the gaps so they get filled.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel import support
from babel.messages.pofile import read_po

from . import formatting
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


@functools.lru_cache(maxsize=16)
def translations(lang: str) -> support.NullTranslations:
    """The compiled interface strings for `lang` (English, the source, needs none)."""
    return support.Translations.load(str(TRANSLATIONS), [lang], domain="messages")


def translator(lang: str) -> Callable[..., str]:
    """gettext for `lang` outside a request, with Flask-Babel's semantics: `_(text, **values)`.

    Services (the report, the dashboard model) take the language as an argument, so the CLI
    renders them without a request context and pages pass the page's language.
    """
    catalogue = translations(lang)

    def gettext(text: str, **values) -> str:
        translated = catalogue.gettext(text)
        return translated % values if values else translated

    return gettext


def page_language() -> str:
    """The language the current page is shown in (a request's locale)."""
    from flask_babel import get_locale

    return str(get_locale() or "en")


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
    app.add_template_filter(
        lambda value, digits=0: formatting.number(value, page_language(), digits), "number"
    )
    app.add_template_filter(lambda share: formatting.percent(share, page_language()), "percent")
    app.add_template_filter(
        lambda value, style="long": formatting.day(value, page_language(), style), "day"
    )
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
