"""What a write-up gives the search index: its passages and quotes, each with its tokens.

Pure text work, no database: the importer does it while parsing, before its transaction
opens (so the write lock is held only for writing), and index.py does it from stored rows
after an editor's change. Both go through analyse(), so they cannot drift apart.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import ranking
from .text import SEPARATOR, grams, pairs, search_text

PASSAGE_CHARS = 2000
# Passages overlap by more than any sensible query, so a phrase never falls between two.
OVERLAP = 200
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|tr|pre|div|dd|dt)>|<br\s*/?>", re.I)


@dataclass(frozen=True)
class Passage:
    section: int | None  # position among the write-up's sections; None: title and description
    text: str
    tokens: str


@dataclass(frozen=True)
class Document:
    """The write-up as one document's columns (SearchDocument), weighted apart in ranking."""

    title: str
    headings: str
    body: str
    # Its index words: CJK words of three and four characters (text.grams) and pairs of
    # Latin words side by side (text.pairs).
    words: str = ""

    @property
    def impacts(self) -> str:
        columns = {"title": self.title, "headings": self.headings, "body": self.body}
        return ranking.impacts(columns)

    @property
    def word_pieces(self) -> list[str]:
        """Its words, ranking.MAX_WORDS a piece: the first is the document's words
        column, the rest SearchWords rows."""
        words, size = self.words.split(), ranking.MAX_WORDS
        return [" ".join(words[at : at + size]) for at in range(0, len(words), size)] or [""]


@dataclass(frozen=True)
class Analysis:
    passages: list[Passage]
    quote_tokens: dict[str, str]  # quote text -> its tokens, padded for quote_hits
    document: Document


def analyse(
    title: str, description: str, sections: Iterable[tuple[str, str]], quotes: Iterable[str]
) -> Analysis:
    """`sections` as (heading, body_html) in order; `quotes` the spoken quotes' texts."""
    own = "\n".join(filter(None, [title, description]))
    found = [Passage(None, own, search_text(own))]
    headings, bodies = [], [description]
    for position, (heading, body_html) in enumerate(sections):
        body = "\n".join(filter(None, [heading, plain_text(body_html)]))
        found += [Passage(position, text, search_text(text)) for text in passages(body)]
        headings.append(heading)
        bodies.append(body)
    words = f"{grams(title, *bodies)} {pairs(own, *bodies[1:])}"  # pairs: as passages hold them
    document = Document(search_text(title), search_text(*headings), search_text(*bodies), words)
    return Analysis(found, {text: quote_tokens(text) for text in quotes}, document)


def quote_tokens(text: str) -> str:
    """A quote's tokens between spaces, so a term is a whole-token substring of them
    (backends.quote_hits)."""
    return f" {search_text(text)} {SEPARATOR} {grams(text)} "


def plain_text(body_html: str) -> str:
    """Readable text of sanitised HTML: block ends become line breaks."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", body_html))
    text = html.unescape(text)
    return re.sub(r"\n\s*\n+", "\n", re.sub(r"[ \t]+", " ", text)).strip()


def passages(text: str) -> list[str]:
    if len(text) <= PASSAGE_CHARS:
        return [text] if text else []
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + PASSAGE_CHARS)
        if end < len(text):  # end at a line or sentence break when there is one near
            cut = max(text.rfind("\n", start + PASSAGE_CHARS // 2, end),
                      text.rfind("。", start + PASSAGE_CHARS // 2, end))  # fmt: skip
            end = cut + 1 if cut > 0 else end
        chunks.append(text[start:end])
        if end >= len(text):
            break
        start = end - OVERLAP
    return chunks
