"""Export writers: take row iterators from store, yield text chunks (memory stays flat).

Text cells that a spreadsheet would read as a formula are neutralised (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
CHUNK_ROWS = 1000


def neutralise(value):
    """Prefix formula-like text with a quote so spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return NEUTRALISER + value
    return value


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence], bom: bool = False) -> Iterator[str]:
    """CSV text in chunks of CHUNK_ROWS rows, header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
