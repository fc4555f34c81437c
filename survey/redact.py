"""PII redaction of free text, before anything is stored.

Each kind of personal data is found by a pattern and replaced by a typed placeholder such as
`[email]`. The patterns run in a fixed order (most specific first) so that, e.g., the digits
of an IBAN are not also read as a phone number. Numbers that look like personal numbers but
fail a check (BSN 11-test, IBAN mod-97, a date inside a "phone number") are left alone: dates,
amounts, opening hours and counts must survive untouched.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .checkdigits import iban_is_valid, passes_eleven_test, passes_luhn

PLACEHOLDER = re.compile(
    r"\[(?:email|phone|iban|bsn|v-number|document|postcode|name|card|plate|birthdate|redacted)\]"
)


@dataclass(frozen=True)
class Redaction:
    text: str
    count: int
    kinds: dict[str, int] = field(default_factory=dict)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


DIGIT = re.compile(r"\d")
DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# An address written out: "jan (at) example (dot) nl", "tom dot baker at example dot co dot uk",
# "anna . devries @ gmail . com", "lisa punt jansen apenstaartje gmail punt com", "marie arobase
# orange point fr", "t o m @ example.com". The "at" and "dot" words of the four languages, in
# brackets or standing alone; a dot with spaces on both sides (a sentence's full stop has none
# before it). Dots belong to the separators only, never to a part, so no text backtracks badly.
_AT_WORD = r"(?:at|arobase|apenstaartje|klammeraffe)"
_DOT_WORD = r"(?:dot|punt|point|punkt)"
_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORD}|@)\s*[)\]}}>]\s*|\s+{_AT_WORD}\s+|\s*@\s*)"
_DOT = rf"(?:\s*[(\[{{<]\s*{_DOT_WORD}\s*[)\]}}>]\s*|\s+{_DOT_WORD}\s+|\s+\.\s+|\.)"
# Possessive (++): a separator never starts with a word character, so giving characters of a
# part back could never let one match; trying it cost a third of the pattern's time.
_PART = r"[\w+-]++"
EMAIL_SPELLED = re.compile(
    rf"(?i)(?<![\w.+-])(?:(?:\w ){{1,40}}\w(?=\s*@)|{_PART}(?:{_DOT}{_PART})*)"
    rf"{_AT}[\w-]++(?:{_DOT}[\w-]++)*{_DOT}[a-z]{{2,12}}\b"
)
# An "at" standing alone as a word is also English for where someone was ("at home.It was"):
# then the address must end in a real top-level domain, written in lower case.
AT_AS_A_WORD = re.compile(rf"(?i)\s{_AT_WORD}\s")
COMMON_TLDS = frozenset(
    "com net org info edu gov int eu nl be de fr lu uk at ch es it pl pt ie se dk no fi is cz sk hu"
    " ro bg gr hr si rs tr ru ua in cn jp kr us ca au nz br mx ar ma dz tn eg za ng ke io co me"
    " biz app dev online email".split()
)


def _email_ok(match: re.Match) -> bool:
    whole = match.group(0)
    if not AT_AS_A_WORD.search(whole):
        return True
    tld = re.search(r"[a-zA-Z]+$", whole).group(0)
    # "AT ... DOT NL" is written so; "at home.It was" is a sentence.
    return tld.lower() in COMMON_TLDS and (tld.islower() or tld.isupper())


# Groups apart by up to three spaces or a hyphen.
IBAN = re.compile(
    r"\b[A-Za-z]{2} ?\d{2}(?: {0,3}|-)[A-Za-z0-9]{4}(?:(?: {0,3}|-)\d{4}){1,6}"
    r"(?:(?: {0,3}|-)\d{1,3})?\b"
)
NL_IBAN = re.compile(r"(?i:NL) *\d{2}(?: *|-)[A-Za-z]{4}(?:(?: *|-)\d{4}){2}(?: *|-)\d{2}")
PHONE_INTERNATIONAL = re.compile(
    r"(?=[+0])(?:\+|(?<![\w])00)[1-9]\d{0,2}(?:[ ]?\(0\))?(?:(?:[ ./\u2013\u2014-]|\s[-/\u2013\u2014]\s)?\(?\d\)?){6,12}(?!\d)"
)
# A national number: a 0 and nine (Dutch) to eleven (German mobile) more digits, in any grouping
# and with any separator ("06-12345678", "(043) 350 60 00", "06/12345678", "06 – 12 34 56 78").
PHONE_NATIONAL = re.compile(
    r"(?=[(0])(?<![\w+])\(?0(?:\)?(?:[ ./\u2013\u2014-]|\s[-/\u2013\u2014]\s)?\d){9,11}(?![\d])"
)
KEYWORD_SEPARATOR = r"[\s:.#-]*(?:is|was|ist|est|nr\.?|no\.?|number|nummer)?[\s:.#-]*"
V_NUMBER_KEYWORD = re.compile(
    r"(?i:\b(?:v-?nummer|v-?number|v-?nr\.?|v\s?nummer|v\s?number|vreemdelingennummer))"
    + KEYWORD_SEPARATOR
    + r"(\d(?:[ .]?\d){9})(?!\d)"
)
BSN_KEYWORD = re.compile(
    r"(?i:\b(?:bsn|burgerservicenummer|citizen service number|sofi-?nummer))"
    + KEYWORD_SEPARATOR
    + r"(\d(?:[ .-]?\d){7,8})(?!\d)"
)
BSN = re.compile(
    r"(?=\d)(?<![\d.,])(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{3}-\d{3}-\d{3}|\d{4}\.\d{2}\.\d{3})(?![\d]|[.,]\d)"
)
# Payment cards: 13-19 digits in groups, an issuer's prefix, and a valid Luhn check digit.
CARD = re.compile(
    r"(?=[2-6])(?<![\d.,])(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5))\d(?:[ -]?\d){11,17}(?![\d]|[.,]\d)"
)
# Dutch licence plates: the sidecodes, letters and digits in three hyphenated groups, in either
# case; without hyphens only where letters and digits alternate (a run of four digits could be a
# postcode or a year) and with the consonants plates use ("hx412t").
_C = "[B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]"
PLATE = re.compile(
    # Every sidecode is six letters and digits, or eight with the hyphens: a cheap look first.
    r"\b(?i:(?=[a-z\d-]{6,8}\b))(?:"
    + "|".join(
        shape.replace("D", r"\d").replace("L", _C)
        for shape in "LLDDLL DDLLDD DDLLLD DLLLDD LLDDDL LDDDLL LLLDDL LDDLLL DLLDDD DDDLLD".split()
    )
    + r")\b|(?i:\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)\b)"
)


def _plate_ok(match: re.Match) -> bool:
    """The sidecodes are written down as "99-XX-99": that is not a car. Without hyphens a plate is
    written in one case ("hx412t", "HX412T"), unlike a product's type ("BT250v").
    """
    plate = match.group(0)
    if re.fullmatch(r"[9Xx-]+", plate):
        return False
    return "-" in plate or plate.isupper() or plate.islower()


MONTH = (
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|mei|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janvier|f[ée]vrier|mars"
    r"|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)[a-zé]*\.?"
)
# "12 March 1985", "3rd of May 1990", "1er mai 1980", "March 3, 1992", "7/4/1985", "1990-05-03".
_ORDINAL = r"(?:st|nd|rd|th|e|er|ste|de|te)?\.?"
BIRTHDATE = re.compile(
    r"(?i:\b(?:born|geboren|date of birth|birth date|birthday|geboortedatum|geburtsdatum"
    r"|geburtstag|verjaardag|n[ée]e? le|date de naissance|anniversaire|dob|geb\.))"
    r"(?i:[\s:]+(?:is|was|ist|est|on|op|am|le|the|de))*[\s:]*"
    rf"(\d{{1,2}}[-./ ]\d{{1,2}}[-./ ]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}{_ORDINAL}\s+(?i:(?:of|de|van)\s+)?(?i:{MONTH}),?\s+\d{{4}}"
    rf"|(?i:{MONTH})\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}})"
)
V_NUMBER = re.compile(
    r"(?=[1-9])(?<![\d.,€$])(?:[1-9]\d{9}|[1-9]\d{3}[ .]\d{3}[ .]\d{3})(?![\d]|[.,]\d)"
)
DOCUMENT_KEYWORD = re.compile(
    r"(?i:\b(?:passport|paspoort|pass|reisepass|passeport|id[- ]?card|id[- ]?kaart|identity card"
    r"|identiteitskaart|personalausweis|ausweis|carte d'identit[ée]|document|documentnummer"
    r"|verblijfspas|residence (?:permit|card)|permit)"
    r"(?:[- ]?(?:nummer|number|nr\.?|no\.?|num[ée]ro))?)"
    r"(?:\s+(?:is|was|ist|est))?[\s:#]*(?:(?i:nr\.?|no\.?|n°)\s*)?"
    r"((?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,12}|\d{7,9})\b"
)
# Dutch passport and ID card numbers: two letters, six letters or digits, one digit.
DOCUMENT = re.compile(
    r"(?=[A-NP-Z])\b(?=[A-Z0-9]{9}\b)(?=(?:[A-Z]*\d){2})[A-NP-Z]{2}[A-NP-Z0-9]{6}\d\b"
)
# A house number with its addition: "3a", "45 B", "104-C", "150-2", "17 hs", "4 bis".
HOUSE_NUMBER = r"\d{1,5}(?:[ -]?[a-zA-Z]\b|\s?-\s?\d{1,3}\b|\s(?:hs|bis|ter|bus\s?\d{1,3})\b)?"
# Words that come before a street without being part of its name ("in de stationsstraat 12").
_NOT_A_STREET_WORD = (
    r"(?!(?:the|de|het|der|die|das|den|dem|la|le|les|in|op|at|on|aan|an|am|im|near|bij|via|from"
    r"|van|uit|naar|to|my|mijn|our|ons|onze|unsere|and|en|und|et|is|was|ist|est|of|for|voor)\s)"
)
STREET = (
    r"(?:(?:[A-Z][\w'-]*\s)?(?:[A-Z][\w'.-]*(?:straat|weg|laan|plein|singel|kade|gracht|markt|dijk|pad|hof|steeg|wal"
    r"|straße|strasse|str\.|street|road|avenue|lane)"
    # Written in lower case ("stationsstraat 12", "keizer karelplein 8"): only the unmistakable
    # Dutch street words, with at most one word before them.
    rf"|{_NOT_A_STREET_WORD}(?:[a-z][\w'-]*\s)?[a-z][\w'-]*"
    r"(?:straat|laan|singel|gracht|kade|plein|steeg|dijk))"
    # The street word first, in French ("Avenue Céramique 150", "rue de la Chapelle 4").
    r"|\b(?:[Aa]venue|[Rr]ue|[Bb]oulevard|[Pp]lace|[Cc]hauss[ée]e|[Qq]uai|[Aa]ll[ée]e|[Ii]mpasse)"
    r"\s+(?:(?:de|du|des|la|le)\s+|[ld]['’])*[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*)?)"
)
UPPER_POSTCODE = (
    r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS|AM|PM)[A-Z]{2}\b"
    rf"(?:,?\s+(?:(?:nr\.?|no\.?|huisnummer)\s*)?{HOUSE_NUMBER}(?![\d:]|[.,]\d))?"
)
LOWER_POSTCODE = (
    r"\b[1-9]\d{3}[ ]?(?!sa|sd|ss|am|pm)[a-z]{2},?\s+" + HOUSE_NUMBER + r"(?![\d:]|[.,]\d)"
)
POSTCODE = re.compile(
    rf"(?:\b{STREET}\s+{HOUSE_NUMBER},?\s+)?{UPPER_POSTCODE}"
    rf"|{LOWER_POSTCODE}"
    rf"|\b{STREET}\s+{HOUSE_NUMBER}\b(?![\d:]|[.,]\d)"
)
# POSTCODE where no street word occurs: the same matches (every STREET holds one of
# STREET_WORDS), without trying a street at every word.
POSTCODE_ALONE = re.compile(f"{UPPER_POSTCODE}|{LOWER_POSTCODE}")
# A name's word: capitalised, also after an elided particle ("d'Aubigny", "O'Neill").
NAME_WORD = r"(?:(?:[dl]['’])?[A-ZÀ-ÖØ-Þ][\w'’-]*)"
PARTICLE = r"(?:van|von|de|der|den|du|la|le|ten|ter|te|el|al|bin|da|dos|di|'t)"
# With initials before it: "J. de Vries", "A.B. Smith".
INITIALS = rf"(?:[A-ZÀ-ÖØ-Þ]\.\s*){{1,3}}(?:{PARTICLE}\s+)*"
FULL_NAME = rf"(?:{INITIALS})?{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{NAME_WORD}){{0,3}}"
LOWER_WORD = r"[a-zà-ÿ][\w'’-]+"
# A name in lower case with a particle inside it ("sara el amrani", "peter van der berg").
LOWER_NAME_WITH_PARTICLE = rf"{LOWER_WORD}(?:\s+{PARTICLE})+\s+(?!{PARTICLE}\b){LOWER_WORD}"
# Words that follow "my name is" without being a name ("My name is misspelled.").
NOT_A_NAME = (
    r"(?!(?:wrong|misspelled|spelled|spelt|written|incorrect|incorrectly|correct|not|missing|different"
    r"|still|also|on|in|verkeerd|fout|niet|anders|ook|nog|falsch|nicht|auch|mal|faux|incorrect|pas)\b)"
)
# Capitalised names after phrases that also introduce other words ("I am Dutch", "this is the
# desk"): only capitalised words, and not the common ones that follow such phrases.
NOT_A_CAPITAL_NAME = (
    r"(?!(?:Dutch|German|British|English|French|Polish|Spanish|Italian|American|Indian|Belgian"
    r"|Turkish|Chinese|Russian|Ukrainian|Syrian|Brazilian|European|Expat|IND|EU|Maastricht"
    r"|Netherlands|Holland|The|A|An|It|Not|Very|So|Here|There|Happy|Glad|Sorry|Thankful|Ok|OK"
    r"|Thanks|Thank|Bedankt|Dank|Danke|Merci|Great|Good|Top|Super"
    r"|Nederlander|Nederlands|Duits|Engels|Frans|Fran[cç]ais|Allemand|Anglais|Deutsch|Deutscher)\b)"
)
# Closings that end a message and are followed by the writer's name.
_GRUESSE = r"gr(?:ü|ue)(?:ß|ss)(?:e|en)?"
_CLOSING = (
    r"kind regards|best regards|warm regards|regards|greetings|groeten|groetjes|groet"
    r"|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|mvg|cordialement|bien cordialement"
    rf"|salutations|amitiés|viele {_GRUESSE}|liebe {_GRUESSE}|beste {_GRUESSE}|{_GRUESSE}"
    rf"|mit freundlichen {_GRUESSE}|mfg"
)
NAME_AFTER_INTRO = re.compile(
    r"(?i:\b(?:i am|i'm|i’m|ik ben|je suis|this is|here is|name's|name’s"
    rf"|(?:{_CLOSING})(?:\s*[,:\u2013\u2014-]|\s+(?:van|von))?|regards,|greetings,|cheers,?|best,|best wishes,?|bien à vous,?|gr\.,?))\s+"
    rf"{NOT_A_CAPITAL_NAME}({FULL_NAME})"
)
# German capitalises every noun ("Ich bin Student aus Indien"): after "ich bin", a full name, or
# one capitalised word that ends the clause ("Ich bin Jürgen, ...").
NAME_AFTER_ICH_BIN = re.compile(
    rf"(?i:\bich bin)\s+{NOT_A_CAPITAL_NAME}({NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{NAME_WORD}){{1,3}}"
    rf"|{NAME_WORD}(?=\s*(?:[,.!;]|$|und\b)))"
)
# In lower case, only where the shape says name: a particle inside it after "I am" ("i am sara el
# amrani"), or one name that ends the message after a closing ("Groetjes, anouk").
# English words that follow "I am" before a Dutch or French phrase ("I'm back in de stad").
_NOT_A_FIRST_NAME = (
    r"(?!(?:from|in|at|on|with|here|there|back|not|now|still|also|just|so|very|a|an|the|to|for|of"
    r"|going|coming|living|working|staying)\b)"
)
LOWER_NAME_AFTER_I_AM = re.compile(
    rf"(?i:\b(?:i am|i'm|i’m))\s+{_NOT_A_FIRST_NAME}({LOWER_NAME_WITH_PARTICLE})"
)
LOWER_NAME_AFTER_CLOSING = re.compile(
    rf"(?i:\b(?:{_CLOSING}))[,\s]\s*"
    r"(?!(?:everyone|everybody|all|allemaal|iedereen|tous|alle|team)\b)"
    rf"({LOWER_WORD}|{LOWER_NAME_WITH_PARTICLE})(?=\s*[.!]*\s*$)"
)
# A signature on its own at the end, a full name: "Thanks a lot! - Siobhan O'Brien" (one word
# after a dash is as often a verdict: "- Excellent!").
NAME_SIGNATURE = re.compile(
    rf"(?:(?<=[.!?])\s*|^\s*)[-–—]{{1,2}}\s*{NOT_A_CAPITAL_NAME}"
    rf"({NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{NAME_WORD}){{1,3}})(?=\s*[.!]?\s*$)"
)
NAME = re.compile(
    r"(?i:\b(?:my name is|my name's|mijn naam is|ik heet|ich hei(?:ß|ss)e|mein name ist"
    r"|je m'appelle|je m’appelle|mon nom est|name:|naam:|nom:))\s*:?\s+"
    rf"({FULL_NAME}|{NOT_A_NAME}(?:{LOWER_NAME_WITH_PARTICLE}|{LOWER_WORD}(?:\s+{LOWER_WORD})?)"
    r"(?=\s*(?:[,.!;]|$|and\b|en\b|und\b|et\b)))"
)


# A date or time standing alone, not one group of a longer number ("06.12.34.56.78" is a phone).
DATE_ALONE = re.compile(rf"(?<!\d[-./])(?:{DATE.pattern})(?![-./]\d)")
TIME_ALONE = re.compile(rf"(?<!\d[-./:])(?:{TIME.pattern})(?![-./:]\d)")


def _not_a_date_or_time(match: re.Match) -> bool:
    return not DATE_ALONE.search(match.group(0)) and not TIME_ALONE.search(match.group(0))


def _phone_ok(match: re.Match) -> bool:
    digits = _digits(match.group(0))
    return 8 <= len(digits) <= 15 and _not_a_date_or_time(match)


@dataclass(frozen=True)
class _Clues:
    """What a text holds that a rule needs before it can match anywhere in it."""

    digit: bool
    lower: str  # case-folded as the patterns' (?i) compares, for keyword look-ups
    street: bool  # a digit and a street word: both postcode rules ask


# re's case-insensitive matching also pairs these letters with ASCII ones; str.lower() does not.
_RE_CASE_PAIRS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _clues(text: str) -> _Clues:
    digit = DIGIT.search(text) is not None
    lower = text.translate(_RE_CASE_PAIRS).lower()
    return _Clues(digit=digit, lower=lower, street=digit and STREET_WORD.search(lower) is not None)


def _needs_digit(clues: _Clues) -> bool:
    return clues.digit


def _needs_word(*words: str):
    # One scan for all the words: a loop of `in` tests cost more than some of the rules.
    search = re.compile("|".join(map(re.escape, words))).search
    return lambda clues: search(clues.lower) is not None


def _needs_digit_and_word(*words: str):
    needs_word = _needs_word(*words)
    return lambda clues: clues.digit and needs_word(clues)


# What a written-out address needs besides an "@": its "at" word standing alone (_AT), not the
# "at" inside "that" or "waited", which most comments hold.
_AT_WORD_ALONE = re.compile(rf"(?:^|[\s(\[{{<]){_AT_WORD}(?:[\s)\]}}>]|$)")
# A letter next to a digit, or across one hyphen: every sidecode has one. Read at each digit
# (a letter before it, or after it), so the scan skips the letters in C.
LETTER_BY_DIGIT = re.compile(r"(?=\d)(?:(?<=[a-z])|(?<=[a-z]-)|\d-?[a-z])")
POSTCODE_SHAPE = re.compile(r"\d{4} ?[A-Za-z]{2}")
STREET_WORDS = (
    "straat weg laan plein singel kade gracht markt dijk pad hof steeg wal straße strasse str."
    " street road avenue lane rue boulevard place chauss quai allee allée impasse"
).split()
STREET_WORD = re.compile("|".join(map(re.escape, STREET_WORDS)))
_CLOSING_WORDS = "regards greetings groet mvg cordialement salutations amitiés grü grue mfg".split()
_I_AM = ["i am", "i'm", "i’m"]
_INTRO_WORDS = (
    _I_AM + "ik ben|je suis|this is|here is|name's|name’s|cheers|best|bien à vous|gr.".split("|")
)
_BIRTH_WORDS = (
    "born geboren birth geboorte geburt verjaardag né naissance anniversaire dob geb.".split()
    + ["ne le", "nee le"]
)

# (kind, pattern, check or None, hint). The hint says from the clues whether the pattern could
# match at all: each names what every match must hold (a digit, an "@", the keyword of its
# phrase). A rule whose hint fails is skipped; its result could not differ. Placeholders add no
# digit and no keyword, so the clues of the text as given hold for every step.
RULES: list[tuple[str, re.Pattern, object, object]] = [
    # Written-out addresses first, so that "t o m@example.com" is not read from its last letter.
    (
        "email",
        EMAIL_SPELLED,
        _email_ok,
        lambda clues: "@" in clues.lower or _AT_WORD_ALONE.search(clues.lower) is not None,
    ),
    ("email", EMAIL, None, _needs_word("@")),
    # A Dutch-shaped IBAN with a typo in it is still someone's account number.
    (
        "iban",
        IBAN,
        lambda m: iban_is_valid(m.group(0)) or bool(NL_IBAN.fullmatch(m.group(0))),
        _needs_digit,
    ),
    ("card", CARD, lambda m: passes_luhn(_digits(m.group(0))), _needs_digit),
    (
        "birthdate",
        BIRTHDATE,
        None,
        _needs_digit_and_word(*_BIRTH_WORDS),
    ),
    ("v-number", V_NUMBER_KEYWORD, None, _needs_digit_and_word("nummer", "number", "nr")),
    ("bsn", BSN_KEYWORD, None, _needs_digit_and_word("bsn", "burgerservice", "citizen", "sofi")),
    (
        "document",
        DOCUMENT_KEYWORD,
        None,
        _needs_digit_and_word("pas", "id", "ausweis", "carte d", "document", "permit", "residence"),
    ),
    ("phone", PHONE_INTERNATIONAL, _phone_ok, _needs_digit),
    ("phone", PHONE_NATIONAL, _not_a_date_or_time, _needs_digit),
    ("bsn", BSN, lambda m: passes_eleven_test(_digits(m.group(0))), _needs_digit),
    ("v-number", V_NUMBER, _not_a_date_or_time, _needs_digit),
    ("document", DOCUMENT, None, _needs_digit),
    ("plate", PLATE, _plate_ok, lambda clues: clues.digit and LETTER_BY_DIGIT.search(clues.lower)),
    ("postcode", POSTCODE, None, lambda clues: clues.street),
    (
        "postcode",
        POSTCODE_ALONE,
        None,
        lambda clues: clues.digit and not clues.street and POSTCODE_SHAPE.search(clues.lower),
    ),
    ("name", NAME, None, _needs_word("name", "naam", "heet", "heiße", "heisse", "appelle", "nom")),
    (
        "name",
        NAME_AFTER_INTRO,
        None,
        _needs_word(*_INTRO_WORDS, *_CLOSING_WORDS),
    ),
    ("name", NAME_AFTER_ICH_BIN, None, _needs_word("ich bin")),
    ("name", LOWER_NAME_AFTER_I_AM, None, _needs_word(*_I_AM)),
    ("name", LOWER_NAME_AFTER_CLOSING, None, _needs_word(*_CLOSING_WORDS)),
    ("name", NAME_SIGNATURE, None, _needs_word("-", "–", "—")),
]


# Characters that hide inside a word without showing: soft hyphen, zero-width, joiners, marks.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalise(text: str) -> str:
    """The text as the patterns read it: NFKC (full-width @ and digits, no-break spaces become
    plain), invisible characters gone, every decimal digit (Arabic-Indic too) as 0-9."""
    if text.isascii():
        return text  # all three changes concern characters outside ASCII only
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return "".join(
        str(unicodedata.decimal(char)) if not char.isascii() and char.isdecimal() else char
        for char in text
    )


def redact(text: str) -> Redaction:
    """Replace personal data in `text` with typed placeholders; count what was replaced.

    The patterns read the normalised text. When they find nothing, the client's own characters
    are kept as written; when they find something, the normalised text carries the placeholders.
    """
    folded = normalise(text)
    if folded == text:
        return _redact(text)
    found = _redact(folded)
    return found if found.count else Redaction(text=text, count=0, kinds={})


def _redact(text: str) -> Redaction:
    """Apply every rule in order to `text`."""
    kinds: Counter[str] = Counter()
    clues = _clues(text)
    for kind, pattern, check, hint in RULES:
        if not hint(clues):
            continue

        def replace(match: re.Match, kind=kind, check=check) -> str:
            if check is not None and not check(match):
                return match.group(0)
            kinds[kind] += 1
            if match.re.groups:
                # Keep the words that introduce the value ("my name is", "BSN:").
                start, end = match.span(1)
                whole = match.group(0)
                offset = match.start(0)
                return whole[: start - offset] + f"[{kind}]" + whole[end - offset :]
            return f"[{kind}]"

        text = pattern.sub(replace, text)
    return Redaction(text=text, count=sum(kinds.values()), kinds=dict(kinds))


def placeholders(text: str) -> Counter[str]:
    """How many placeholders of each kind a text holds."""
    return Counter(m.group(0)[1:-1] for m in PLACEHOLDER.finditer(text))
