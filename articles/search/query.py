"""Reading what a reader typed: terms ANDed, each a phrase of its tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import CJK, GRAMS, Token, encode, normalised, pair, tokens

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
_GRAM = re.compile(rf"[{CJK}]{{{GRAMS[0]},{GRAMS[-1]}}}")
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')


@dataclass(frozen=True)
class Term:
    text: str  # the normalised words, for highlighting
    tokens: tuple[Token, ...]
    # The last token matches as a prefix: a Latin word ("open" finds "openai") or a single
    # CJK character (which is only ever the start of an indexed bigram, or a run's end).
    prefix: bool
    # A word of three or four CJK characters, which the index also holds whole
    # (text.grams): matched as that one term rather than as a phrase of bigrams.
    gram: str = ""

    @property
    def encoded(self) -> list[str]:
        return [encode(t.text) for t in self.tokens]

    @property
    def word(self) -> str:
        """The one index word that holds this term, if any: its CJK word, or the pair its
        two Latin words make (text.pairs); the last matches as a prefix if the term does."""
        if self.gram or len(self.tokens) != 2 or any(t.cjk for t in self.tokens):
            return self.gram
        return pair(*self.encoded)


def parse(query: str) -> list[Term]:
    query = (query or "")[:MAX_QUERY_CHARS]
    pieces = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(query)]
    pieces += _QUOTED.sub(" ", query).split()
    terms: list[Term] = []
    for piece in pieces:
        normal = normalised(piece).strip()
        found = tuple(tokens(normal))
        if not found:
            continue  # punctuation alone: %, *, (
        last = found[-1]
        gram = normal if _GRAM.fullmatch(normal) else ""
        terms.append(Term(normal, found, prefix=not last.cjk or len(last.text) == 1, gram=gram))
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def fts5_phrases(terms: list[Term]) -> list[str]:
    """`"a b"`, `"c"*` — tokens hold only letters and digits, so nothing needs escaping."""
    return [f'"{t.gram or " ".join(t.encoded)}"' + ("*" if t.prefix else "") for t in terms]


def fts5_query(terms: list[Term]) -> str:
    return " ".join(fts5_phrases(terms))


def ranked_tokens(terms: list[Term]) -> list[tuple[str, bool]]:
    """The tokens relevance is summed over, each with whether it is a prefix: every
    token of every term, once (BM25 over a bag of the query's tokens)."""
    found = {}
    for term in terms:
        last = len(term.encoded) - 1
        for number, token in enumerate(term.encoded):
            found.setdefault((token, term.prefix and number == last), None)
    return list(found)


def tsquery(terms: list[Term], ordered: bool = True) -> str:
    """`'a' <-> 'b' & 'c':*` for to_tsquery('simple', …); `'a' & 'b' & 'c':*` when the
    order of a term's tokens may be left unchecked (checking it reads every vector)."""
    parts = []
    for term in terms:
        lexemes = [f"'{token}'" for token in ([term.gram] if term.gram else term.encoded)]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.append((" <-> " if ordered else " & ").join(lexemes))
    return " & ".join(f"({part})" for part in parts)
