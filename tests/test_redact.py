"""Redaction: typed placeholders, measured on a labelled file of realistic comments."""

import re
from pathlib import Path

import pytest

from survey import redact as redact_module
from survey.quote_edits import is_reduction
from survey.redact import passes_eleven_test, passes_luhn, placeholders, redact

DATA = Path(__file__).parent / "data" / "redaction.tsv"
# Written apart from the first set, from the hostile review's shapes, before the patterns changed.
SECOND = Path(__file__).parent / "data" / "redaction_second.tsv"
# Written after the patterns changed and measured once as written: the honest, untuned figure.
HELD_OUT = Path(__file__).parent / "data" / "redaction_third.tsv"
# Written before the patterns changed for it and measured once (0.719 recall, 2 false positives);
# the patterns were then generalised against it and the third set's misses.
FOURTH = Path(__file__).parent / "data" / "redaction_fourth.tsv"
ALL_SETS = [DATA, SECOND, HELD_OUT, FOURTH]


def labelled(path: Path = DATA) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, expected = line.split("\t")
            rows.append((text, text if expected == "=" else expected))
    return rows


def test_the_labelled_file_is_big_enough_and_has_both_kinds():
    rows = labelled()
    assert len(rows) >= 150
    assert sum(1 for text, expected in rows if text != expected) >= 60
    assert sum(1 for text, expected in rows if text == expected) >= 60


@pytest.mark.parametrize(
    "path, min_recall, max_false_positives",
    [(DATA, 0.95, 0), (SECOND, 0.95, 0), (HELD_OUT, 0.70, 1), (FOURTH, 0.95, 0)],
    ids=["first", "second", "held-out", "fourth"],
)
def test_recall_and_false_positives_on_the_labelled_comments(
    capsys, path, min_recall, max_false_positives
):
    expected_total = found = false_positives = exact = 0
    misses = []
    rows = labelled(path)
    for text, expected in rows:
        got = redact(text).text
        want, have = placeholders(expected), placeholders(got)
        expected_total += sum(want.values())
        found += sum(min(n, have[kind]) for kind, n in want.items())
        false_positives += sum(max(0, n - want[kind]) for kind, n in have.items())
        exact += got == expected
        if got != expected:
            misses.append((text, got, expected))
    recall = found / expected_total
    summary = (
        f"redaction on {len(rows)} labelled comments ({path.name}): recall {recall:.3f}"
        f" ({found}/{expected_total} placeholders), false positives {false_positives},"
        f" exact output {exact}/{len(rows)}"
    )
    with capsys.disabled():  # the numbers show in every pytest run, not only on failure
        print(f"\n{summary}")
    assert recall >= min_recall, f"{summary}; misses: {misses}"
    assert false_positives <= max_false_positives, f"{summary}; misses: {misses}"


def test_untouched_comments_come_back_byte_for_byte():
    damaged = [(text, redact(text).text) for text, expected in labelled() if text == expected]
    damaged = [pair for pair in damaged if pair[0] != pair[1]]
    assert damaged == []


def test_the_count_and_kinds_are_recorded():
    result = redact("Mail jan@example.nl or jan2@example.nl, BSN 111222333, call 06-12345678.")
    assert result.text == "Mail [email] or [email], BSN [bsn], call [phone]."
    assert result.count == 4
    assert result.kinds == {"email": 2, "bsn": 1, "phone": 1}


@pytest.mark.parametrize(
    ("number", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False)],
)
def test_the_bsn_eleven_test(number, valid):
    assert passes_eleven_test(number) is valid


def test_nine_digits_failing_the_eleven_test_are_not_a_bsn():
    assert redact("Order 123456789 arrived.").text == "Order 123456789 arrived."


def test_a_dutch_iban_with_a_typo_is_still_redacted_but_other_codes_are_not():
    assert redact("Code NL92 ABNA 0417 1643 00 here").text == "Code [iban] here"
    assert redact("Form DE12 ABCD 1234 here").text == "Form DE12 ABCD 1234 here"


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("Very efficient and fast, thanks Jan!", "Very efficient and fast.", False),
        ("Very efficient and fast, thanks Jan!", "Very efficient and fast", True),
        (
            "Very efficient and fast, thanks Jan!",
            "Very efficient and fast, thanks [redacted]!",
            True,
        ),
        ("Very efficient and fast, thanks Jan!", "Very efficient and fast, thanks [name]!", True),
        ("Not very efficient.", "very efficient.", True),
        ("Slow and rude.", "Fast and friendly.", False),
        ("Good.", "Good. Great!", False),
        ("Good [email] service.", "Good [email] service", True),
    ],
)
def test_an_edit_may_only_delete_or_redact(old, new, allowed):
    assert is_reduction(old, new) is allowed


def test_text_without_personal_data_keeps_its_own_characters():
    text = "Caf\u00e9 \ufb01ne\u2026 room\u00a02.14, \uff12 desks"  # ligature, ellipsis, no-break space
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail piet\uff20example.nl", "mail [email]"),  # a full-width @
        ("bel \u0660\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "bel [phone]"),
        ("my name is\u200b Lars Eriksen.", "my name is [name]."),
        ("IBAN NL55\u00a0INGB\u00a03058\u00a04924\u00a050", "IBAN [iban]"),
    ],
)
def test_text_is_normalised_before_matching(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("number", "valid"), [("4432319487574919", True), ("4432319487574918", False)]
)
def test_cards_need_a_valid_luhn_digit(number, valid):
    assert passes_luhn(number) is valid
    assert (redact(f"card {number}").text == "card [card]") is valid


def test_skipping_rules_whose_clue_is_missing_changes_no_result(monkeypatch):
    texts = [text for path in ALL_SETS for text, _ in labelled(path)]
    texts += [text for text, _ in PROBED]
    texts += ["\u0131 am sara el amrani", "Regard\u017f, Emma", "Groetjes, anouk", "no digits here"]
    # A keyword of each keyword-led rule, where no other rule would find the number.
    texts += ["mijn verblijfspas XK12345678", "Residence card X1234567", "sofinummer 123.456.782"]
    texts += ["V-nr. 1234567890", "Personalausweis L01X00T47", "carte d'identité 12AB34567"]
    quick = [redact(text) for text in texts]
    every_rule = [
        (kind, pattern, check, lambda clues: True)
        for kind, pattern, check, _ in redact_module.RULES
    ]
    monkeypatch.setattr(redact_module, "RULES", every_rule)
    assert [redact(text) for text in texts] == quick


NUMBERS = ["0612345678", "06-12345678", "(043) 350 60 00", "+31 6 12345678", "0031 6 1234 5678"]
NUMBERS += ["123456782", "123.456.782", "4111 1111 1111 1111", "5500-0000-0000-0004", "1234567890"]
NUMBERS += [
    "1234 567 890",
    "XN1234567",
    "NL91ABNA0417164300",
    "6011000990139424",
    "378282246310005",
]
EMAILS = ["jan.jansen@example.nl", "t o m @ example.com", "anna . devries @ gmail . com"]
EMAILS += ["jan (at) example (dot) nl", "lisa punt jansen apenstaartje gmail punt com", "a@b.c0m"]
EMAILS += ["marie arobase orange point fr", "x-y+z@mail.example.co.uk", "jan@example.nl.x_y"]


def test_patterns_written_for_speed_match_what_their_plain_form_matches():
    """A look at the first character lets the regex engine skip other characters in C, a
    possessive part (++) skips backtracking that cannot succeed: both only make a pattern
    faster, so its plain form must match the same on every text."""
    texts = [text for path in ALL_SETS for text, _ in labelled(path)]
    texts += [text for text, _ in PROBED]
    texts += [
        f"{before}{number}{after}"
        for number in NUMBERS + EMAILS
        for before in ("", "a ", ".", ",", "x", "+", "€", "(", "0", "9")
        for after in ("", ".", ",5", "x", " ", "1")
    ]
    first = re.compile(r"\(\?=(?:\[[^\]]*\]|\\d)\)")  # (?=[...]) or (?=\d) in front
    fast = {rule[1] for rule in redact_module.RULES if first.match(rule[1].pattern)}
    fast |= {rule[1] for rule in redact_module.RULES if "++" in rule[1].pattern}
    assert len(fast) >= 7

    def marked(pattern, text):
        return pattern.sub(lambda m: f"<{m.group(0)}>", text)

    for pattern in fast:
        plain = first.sub("", pattern.pattern, count=1).replace("++", "+")
        plain = re.compile(plain, pattern.flags)
        for text in texts:
            assert marked(pattern, text) == marked(plain, text), (pattern.pattern[:20], text)


# Shapes found by probing after the labelled sets were measured: handled, but not in any set.
PROBED = [
    ("+31\u20146\u201412345678", "[phone]"),
    ("jan[@]example.nl", "[email]"),
    ("Jan.Jansen AT Example DOT NL", "[email]"),
    ("NL91-ABNA-0417-1643-00", "[iban]"),
    ("Kind regards, J. de Vries", "Kind regards, [name]"),
    ("Groeten van Pieter", "Groeten van [name]"),
    ("Regards - Anna", "Regards - [name]"),
]


@pytest.mark.parametrize("text, expected", PROBED)
def test_probed_shapes_are_redacted(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Greetings from Spain",
        "Groeten van het team",
        "Cheers - great!",
        "Ich bin Student aus Indien.",
        "Cheers, great service!",
        "Kind regards and thanks for the coffee.",
        "The Jabra BT250v headset",
        "kenteken 99-XX-99 is the format",
        "I was at home.It was fine",
        "Quick service. - Excellent!",
        "i am from de la Rue",
    ],
)
def test_shapes_that_look_like_personal_data_stay(text):
    assert redact(text).text == text
