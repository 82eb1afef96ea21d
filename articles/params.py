"""Reading query-string values the way readers and robots really send them.

`str.isdigit()` accepts "²" and "①", which `int()` then refuses: numbers here are ASCII
digits only. A NUL, which PostgreSQL cannot take in a text parameter, and values longer
than anything the site links to are refused whole by `rejected()` (a 400, from
kbsite.middleware), before any view runs.
"""

from __future__ import annotations

import re

MAX_VALUE_CHARS = 1_000  # the longest link the site makes is a search of 200 characters
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def number(value: str | None) -> int | None:
    """A whole number written in ASCII digits, else None."""
    return int(value) if value and _ASCII_NUMBER.fullmatch(value) else None


def year(value: str | None) -> int | None:
    found = number(value)
    return found if found is not None and 1 <= found <= 9999 else None


def rejected(path: str, query) -> str | None:
    """Why a request cannot be answered, or None."""
    if "\x00" in path:
        return "a NUL character in the address"
    for name, values in query:
        for value in [name, *values]:
            if "\x00" in value:
                return "a NUL character in the query string"
            if len(value) > MAX_VALUE_CHARS:
                return f"a query-string value over {MAX_VALUE_CHARS} characters"
    return None
