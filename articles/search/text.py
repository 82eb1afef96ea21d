"""One normalisation for indexing and for queries, and the tokens both are cut into.

normalise(): per character NFKC and lower case, then Traditional → Simplified with OpenCC,
keeping a map from every normalised character back to the original, so matches found in
normalised text are highlighted in the text as written.

tokens(): runs of CJK characters become overlapping bigrams (a one-character run stays
itself); Latin words and numbers stay whole (`gpt-5.2`, `1.4`); `GPT-5模型` gives both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import opencc

# Letters only: kana and ideographs, not the marks between them (・ would split a token
# differently in each database's tokenizer).
CJK = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{CJK}]+|[a-z0-9]+(?:[-.'’_][a-z0-9]+)*")
_IS_CJK = re.compile(rf"[{CJK}]")
# The index holds tokens made only of letters and digits, so SQLite's unicode61 and
# PostgreSQL's `simple` parser each keep a token whole: `gpt-5.2` is stored `gptzh5zd2`.
_ESCAPES = {"-": "zh", ".": "zd", "'": "zq", "’": "zq", "_": "zu"}


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _fold(char: str) -> str:
    """NFKC and lower case; Latin letters also lose their accents ("ö" finds "o")."""
    folded = unicodedata.normalize("NFKC", char).lower()
    if folded and all(ord(c) < 0x250 for c in folded):
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)) or folded
    return folded


@dataclass(frozen=True)
class Normalised:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of normalised char i


def normalise(text: str) -> Normalised:
    chars, origin = [], []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    joined = "".join(chars)
    simplified = _t2s().convert(joined)
    if len(simplified) != len(joined):  # a phrase rule changed the length: go char by char
        simplified = "".join(_t2s().convert(c) for c in joined)
    return Normalised(simplified, tuple(origin))


_LATIN_ACCENTED = re.compile("[\u00c0-\u024f]")


def normalised(text: str) -> str:
    """The normalised text alone, done on the whole string at once (indexing is hot).
    The same as normalise(text).text for anything but freak combining sequences."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if not folded.isascii():
        folded = _LATIN_ACCENTED.sub(lambda m: _fold(m[0]), folded)
    return _t2s().convert(folded)


@dataclass(frozen=True)
class Token:
    text: str
    cjk: bool


def tokens(normal: str) -> list[Token]:
    """Tokens of already-normalised text, in order."""
    found: list[Token] = []
    for match in _TOKEN.finditer(normal):
        run = match[0]
        if _IS_CJK.match(run):
            if len(run) == 1:
                found.append(Token(run, True))
            else:
                found.extend(Token(run[i : i + 2], True) for i in range(len(run) - 1))
        else:
            found.append(Token(run, False))
    return found


def run_ends(normal: str) -> list[str]:
    """The last character of each CJK run of two or more, so that a one-character query
    (a prefix of bigrams) also finds a character that only ends a run."""
    return [run[-1] for run in re.findall(rf"[{CJK}]{{2,}}", normal)]


_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def encode(token: str) -> str:
    return token.translate(_ESCAPE_TABLE)


def _index_tokens(normal: str) -> list[str]:
    """tokens(), encoded, as plain strings: the indexing hot path."""
    found: list[str] = []
    for run in _TOKEN.findall(normal):
        if _IS_CJK.match(run):
            found.extend([run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run])
        else:
            found.append(run.translate(_ESCAPE_TABLE))
    return found


SEPARATOR = "zzzsep"


def search_text(*parts: str) -> str:
    """What the full-text index stores for some text: encoded tokens, then run ends."""
    streams, ends = [], []
    for part in parts:
        normal = normalised(part)
        streams.append(" ".join(_index_tokens(normal)))
        ends.extend(run_ends(normal))
    # The separator keeps a phrase from running from one part into the next, or into ends.
    return f" {SEPARATOR} ".join([*streams, " ".join(ends)])


GRAMS = (3, 4)


def grams(*parts: str) -> str:
    """Every run of three and of four CJK characters in these texts, once each: a word
    of that length is then one index term, not a phrase of bigrams whose positions must
    be read (人工智能 is in a third of the write-ups)."""
    found: dict[str, None] = {}
    for part in parts:
        for run in re.findall(rf"[{CJK}]{{{GRAMS[0]},}}", normalised(part)):
            for size in GRAMS:
                for start in range(len(run) - size + 1):
                    found.setdefault(run[start : start + size], None)
    return " ".join(found)


# Joins two Latin tokens into one index term: a letter to both databases' tokenizers (it
# keeps the pair one token) that no Latin token holds (so no two pairs read the same).
PAIR_JOINER = "丨"


def is_latin(token: str) -> bool:
    return token[0].isascii()


def pair(first: str, second: str) -> str:
    return f"{first}{PAIR_JOINER}{second}"


def pairs(*parts: str) -> str:
    """Every two Latin tokens side by side in these texts (as a passage's tokens hold
    them), once each: a phrase of two words is then one index term, looked up like a
    CJK word, not checked in every passage holding both ("code red" at 30,000
    write-ups: PostgreSQL read the positions of thousands of passages)."""
    found: dict[str, None] = {}
    for part in parts:
        tokens = _index_tokens(normalised(part))
        for first, second in pairwise(tokens):
            if is_latin(first) and is_latin(second):
                found.setdefault(pair(first, second), None)
    return " ".join(found)
