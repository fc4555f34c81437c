"""Fill a .po catalogue from a Python dict of msgid -> translation (a maintainer's helper).

Usage: python scripts/fill_po.py survey/translations/nl/LC_MESSAGES/messages.po nl
Translations live in scripts/translations_<lang>.py as TRANSLATIONS = {...}.
"""

import importlib.util
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(po_path: str, lang: str) -> None:
    source = Path(__file__).with_name(f"translations_{lang}.py")
    spec = importlib.util.spec_from_file_location("t", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in catalog:
        if message.id and message.id in module.TRANSLATIONS:
            message.string = module.TRANSLATIONS[message.id]
            message.flags.discard("fuzzy")
        elif message.id and message.fuzzy:
            # A fuzzy guess from `pybabel update` is often wrong ("Report" -> "Poor"): drop it.
            message.string = ""
            message.flags.discard("fuzzy")
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=100)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{po_path}: {len(missing)} untranslated", *missing, sep="\n  ")


if __name__ == "__main__":
    main(*sys.argv[1:3])
