"""Redaction: typed placeholders, measured on a labelled file of realistic comments."""

from pathlib import Path

import pytest

from survey.redact import is_reduction, passes_eleven_test, placeholders, redact

DATA = Path(__file__).parent / "data" / "redaction.tsv"


def labelled() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, expected = line.split("\t")
            rows.append((text, text if expected == "=" else expected))
    return rows


def test_the_labelled_file_is_big_enough_and_has_both_kinds():
    rows = labelled()
    assert len(rows) >= 150
    assert sum(1 for text, expected in rows if text != expected) >= 60
    assert sum(1 for text, expected in rows if text == expected) >= 60


def test_recall_and_false_positives_on_the_labelled_comments(capsys):
    expected_total = found = false_positives = exact = 0
    misses = []
    for text, expected in labelled():
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
        f"redaction on {len(labelled())} labelled comments: recall {recall:.3f}"
        f" ({found}/{expected_total} placeholders), false positives {false_positives},"
        f" exact output {exact}/{len(labelled())}"
    )
    with capsys.disabled():  # the numbers show in every pytest run, not only on failure
        print(f"\n{summary}")
    assert recall >= 0.95, f"{summary}; misses: {misses}"
    assert false_positives == 0, f"{summary}; misses: {misses}"


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
