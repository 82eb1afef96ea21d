"""Snippets from the text as written, with the matches marked."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import Term
from .text import normalise, normalised

WIDTH = 160


def _pattern(term: Term) -> re.Pattern:
    words = [re.escape(word) for word in term.text.split()]
    body = r"\s+".join(words)
    if not term.tokens[0].cjk:
        body = rf"(?<![a-z0-9]){body}"
    return re.compile(body)


def _spans(normal: str, terms: list[Term]) -> list[tuple[int, int]]:
    return sorted(
        (m.start(), m.end())
        for term in terms
        for m in _pattern(term).finditer(normal)
        if m.end() > m.start()
    )


def _fast_marks(text: str, terms: list[Term]) -> list[tuple[int, int]] | None:
    """Matches by position in `text` itself when normalising kept every character one
    character (nearly always: full-width punctuation folds one to one), checked span by
    span; None when the character-by-character map is needed."""
    normal = normalised(text)
    if len(normal) != len(text):
        return None
    spans = _spans(normal, terms)
    if all(normalised(text[a:b]) == normal[a:b] for a, b in spans):
        return spans
    return None


def _marks(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    marks = _fast_marks(text, terms)
    if marks is None:
        normal = normalise(text)
        # Back to positions in the original text (the normalised one differs in length).
        marks = [
            (normal.origin[a], normal.origin[b - 1] + 1) for a, b in _spans(normal.text, terms)
        ]
    return marks


PIECE = 500


def highlight(text: str, terms: list[Term], width: int = WIDTH) -> SafeString:
    """About `width` characters around the first match, HTML-escaped, matches in <mark>.
    The text is normalised a piece at a time up to its first match (a page of results
    is 40,000 characters, of which the snippets show 3,000)."""
    # Pieces overlap by more than a match is long, so none is lost at a piece's end.
    reach = 2 * max((len(term.text) for term in terms), default=0) + 8
    offset, found = 0, []
    while offset < len(text) and not found:
        found = _marks(text[offset : offset + PIECE + reach], terms)
        offset += PIECE if not found else 0
    start = max(0, offset + found[0][0] - width // 4) if found else 0
    end = min(len(text), start + width)
    if not found or start < offset or end + reach > offset + PIECE + reach:
        offset, found = start, _marks(text[start : end + reach], terms)
    marks = [(offset + a, offset + b) for a, b in found]
    pieces, cursor = [], start
    for a, b in marks:
        if a < cursor or a >= end:
            continue
        pieces += [escape(text[cursor:a]), f"<mark>{escape(text[a:b])}</mark>"]
        cursor = b
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(
        prefix + "".join(pieces).replace("\n", " ") + suffix
    )  # every piece above is escaped
