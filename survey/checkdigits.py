"""Check digits of personal numbers: a number that fails its check is not taken for one.

The BSN 11-test, the IBAN mod-97 check and the payment-card Luhn check, so that amounts, order
numbers and opening hours that merely look like personal numbers survive redaction.
"""

from __future__ import annotations

import re


def passes_eleven_test(number: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a positive multiple of 11."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True))
    total -= int(number[8])
    return total > 0 and total % 11 == 0


def iban_is_valid(text: str) -> bool:
    """ISO 13616 mod-97 check."""
    compact = re.sub(r"[\s-]", "", text).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def passes_luhn(number: str) -> bool:
    """The payment-card check digit (Luhn, ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(number)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
