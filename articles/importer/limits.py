"""Input caps checked before a write-up is parsed: cheap scans that refuse, in
milliseconds, the shapes that make Python-Markdown or the quote finder take minutes or
gigabytes. The parse worker's time and memory limits (worker.py) catch whatever else.

Measured on this machine (the real corpus never comes near: its deepest nesting is 12
columns of list indent, 2 brackets and 1 blockquote, and its busiest file has 158 quotes):
10,000 unclosed `[` in a paragraph took 23 s, 1,000 took 0.4 s; blockquotes 3,000 deep
and a 1,400-level list ran past 25 s, 200 levels 0.8 s, 50 levels 0.05 s; 10,000 quotes
in one paragraph took 21 s (finding each quote's speaker looks at every other one),
500 took 0.3 s, while 20,000 quotes in paragraphs of their own took 3 s.
"""

from __future__ import annotations

import re

from .errors import ArticleError

MAX_DEPTH = 64  # nested lists, blockquotes or brackets
MAX_INDENT = 4 * MAX_DEPTH  # columns of leading white space (a list level is 4)
MAX_QUOTES_PER_PARAGRAPH = 1_000
MAX_QUOTES = 20_000

_LIST_MARKERS = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_BLOCKQUOTE = re.compile(r"[ \t]{0,3}>")
_OPENING_QUOTES = "「『“"


class TooComplex(ArticleError):
    """A file over one of the parser's limits (named in the message)."""

    def __init__(self, what: str, limit: str):
        super().__init__(f"too complex to parse: {what} (the limit is {limit})")


def check(text: str) -> None:
    """Raise TooComplex when `text` (a write-up's body, LF line endings) is over a cap."""
    quotes = 0
    for paragraph in text.split("\n\n"):
        _check_lines(paragraph)
        _check_brackets(paragraph)
        count = _quote_count(paragraph)
        if count > MAX_QUOTES_PER_PARAGRAPH:
            raise TooComplex(f"{count:,} quotes in one paragraph", f"{MAX_QUOTES_PER_PARAGRAPH:,}")
        quotes += count
    if quotes > MAX_QUOTES:
        raise TooComplex(f"{quotes:,} quotes", f"{MAX_QUOTES:,}")


def _check_lines(paragraph: str) -> None:
    for line in paragraph.split("\n"):
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_INDENT:
            raise TooComplex(f"indented {indent:,} columns", f"{MAX_INDENT} columns")
        for name, pattern in (("blockquotes", _BLOCKQUOTE), ("list items", _LIST_MARKERS)):
            depth = _run_length(pattern, stripped if name == "list items" else line)
            if depth > MAX_DEPTH:
                raise TooComplex(f"{name} nested {depth:,} deep", str(MAX_DEPTH))


def _run_length(pattern: re.Pattern, line: str) -> int:
    """How many times `pattern` repeats at the start of `line` (`> > >`, `- - -`)."""
    count, position = 0, 0
    while (match := pattern.match(line, position)) and match.end() > position:
        count, position = count + 1, match.end()
    return count


def _check_brackets(paragraph: str) -> None:
    if paragraph.count("[") <= MAX_DEPTH:
        return
    depth = deepest = 0
    for char in re.findall(r"\\?[\[\]]", paragraph):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]":
            depth = max(depth - 1, 0)
    if deepest > MAX_DEPTH:
        raise TooComplex(f"brackets nested {deepest:,} deep", str(MAX_DEPTH))


def _quote_count(paragraph: str) -> int:
    return sum(paragraph.count(mark) for mark in _OPENING_QUOTES) + paragraph.count('"') // 2
