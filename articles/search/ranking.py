"""BM25F relevance, precomputed per document so no engine reads a vector to rank.

At indexing time each distinct token of a document gets its BM25 term weight (the
part that depends on the document: how often the token occurs, title and headings
counting more than body text, against the document's length), cut into LEVELS steps.
The document's `impacts` column holds one index term a token, its level a symbol
before it (`qh我们`); one more for each token of its title (`t我们`); and its CJK
words of three and four characters go in a column of their own (`words`), found but
not weighed: a word ranks by its bigrams. At query time
the engine lists, from its inverted index alone, which documents hold each query token
at each level; the idf is the number of them. Both engines then rank every match with
the same arithmetic, in Python.

Measured at 30,000 write-ups, 10,190 of them holding 我们: ranking them in the engine
took 34 ms (FTS5 bm25), 51 ms for the best 20 (PostgreSQL RUM) and 994 ms (ts_rank);
these levels take a few milliseconds on both (README: Search).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .text import SEPARATOR

K1, B = 1.2, 0.75
# A write-up's body in tokens, near the corpus's mean: the length that is "normal".
AVERAGE_LENGTH = 6000
# BM25F: a token in the title counts as ten in the body, in a heading as four.
FIELD_WEIGHTS = {"title": 10, "headings": 4, "body": 1}
# Levels are steps of a third of a doubling in 1 + tf/K (BM25's tf over its length
# norm K): as fine where a token is rare as where it saturates, for 36 steps (to 4,096).
STEPS_PER_DOUBLING = 3
SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyz"
LEVELS = len(SYMBOLS)
# A title holding a query token adds this much again (times the token's idf): more
# than any body text can give, so a write-up titled with the query comes first.
TITLE_BONUS = K1 + 1


def term(level: int, token: str) -> str:
    return f"q{SYMBOLS[level]}{token}"


def title_term(token: str) -> str:
    return f"t{token}"


# PostgreSQL refuses a tsvector over 1 MB (about 50,000 words): a longer transcript's
# words go this many a row, the first in its document, the rest in SearchWords rows.
MAX_WORDS = 45_000


def impacts(columns: dict[str, str]) -> str:
    """The impacts column of a document whose columns hold these tokens."""
    counts: Counter = Counter()
    length = 0
    for name, text in columns.items():
        found = [t for t in text.split() if t != SEPARATOR]
        weight = FIELD_WEIGHTS[name]
        length += len(found) if name == "body" else 0
        for token in found:
            counts[token] += weight
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    found = [term(level(n / norm), token) for token, n in counts.items()]
    titled = dict.fromkeys(t for t in columns.get("title", "").split() if t != SEPARATOR)
    return " ".join(found + [title_term(t) for t in titled])


def level(ratio: float) -> int:
    """The step of a token whose count over its length norm is `ratio`."""
    return min(LEVELS - 1, int(math.log2(1 + ratio) * STEPS_PER_DOUBLING))


def value(level: int) -> float:
    """BM25's term weight, tf (k1 + 1) / (tf + K), at the middle of a level's step."""
    ratio = 2 ** ((level + 0.5) / STEPS_PER_DOUBLING) - 1
    return (K1 + 1) * ratio / (1 + ratio)


def idf(documents: int, holding: int) -> float:
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


# Each level's weight, looked up for a whole array of levels at once.
VALUES = np.array([value(level) for level in range(LEVELS)])


def scores(levels: list[np.ndarray], titled: list[np.ndarray], documents: int) -> np.ndarray:
    """Each document's score (an array indexed by document id): for every query token,
    its idf times the document's weight for it (and the title bonus). `levels` has one
    array a query token, of each document's level for it (-1: none); `titled` one mask
    a token, of the documents whose title holds it."""
    total = np.zeros(len(levels[0]) if levels else 0)
    for found, titles in zip(levels, titled, strict=True):
        holding = found >= 0
        weight = idf(documents, int(np.count_nonzero(holding)))
        total[holding] += weight * (VALUES[found[holding]] + TITLE_BONUS * titles[holding])
    return total
