"""Small builders for the optional filters every query shares."""

from __future__ import annotations

from typing import Any


def where(*conditions: tuple[str, Any]) -> tuple[str, list]:
    """A `where ...` clause and its parameters from (sql, value) pairs whose value is set.

    Unset values (None, "", an empty list, False) drop their condition: that is how every
    optional filter (period, desks, questions) works. `?` takes the value once per `?`; `(?)`
    expands to one placeholder per item of a list (`desk_id in (?)`); True adds the SQL alone.
    """
    parts, params = [], []
    for sql, value in conditions:
        if value is None or value is False or value == "" or value == [] or value == ():
            continue
        if value is True:
            parts.append(sql)
        elif isinstance(value, (list, tuple)):
            parts.append(sql.replace("(?)", f"({', '.join('?' for _ in value)})"))
            params.extend(list(value) * sql.count("(?)"))
        else:
            parts.append(sql)
            params.extend([value] * sql.count("?"))
    return (f"where {' and '.join(parts)}" if parts else ""), params


def _range_clause(
    column: str, start: str | None, end: str | None, desks: list[str] | None, desk_column: str
) -> tuple[str, list]:
    """A WHERE clause for [start, end) on `column` and an optional desk list."""
    return where(
        (f"{column} >= ?", start), (f"{column} < ?", end), (f"{desk_column} in (?)", desks)
    )


def _in(column: str, values: list[str]) -> str:
    return f"{column} in ({', '.join('?' for _ in values)})"
