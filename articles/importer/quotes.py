"""Finding who said what: quoted words, attributed blockquotes and transcript turns."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .people import split_role_name
from .speakers import SpeakerNames
from .values import as_seconds

_STAMP = r"\d{1,2}(?::\d{2}){1,2}"
_BOLD_TURN = re.compile(
    r"^\*\*(?P<label>[^*\n]{1,60}?)\s*(?P<c1>[:：])?\s*\*\*\s*(?P<c2>[:：])?\s*(?P<rest>.*)$"
)
_PLAIN_TURN = re.compile(
    r"^(?P<label>[A-Z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,3}|[\u3400-\u9fff·]{1,8})"
    r"\s*(?:[（(](?P<abbr>[A-Z]{1,4})[）)])?"
    rf"\s*(?:[（(\[](?P<ts>{_STAMP})[）)\]])?\s*[:：]\s*(?P<rest>.*)$"
)
_SPEECH_VERB = re.compile(
    r"(?:說|说|表示|指出|認為|认为|問|问|回答|回應|回应|提到|強調|强调|坦言|補充|补充)$"
)
_LEADING_STAMP = re.compile(rf"^\[?(?P<ts>{_STAMP})\]?\s*(?P<rest>.*)$", re.S)
_ATTRIBUTION = re.compile(r"^\s*(?:——|—|--|–|－－)\s*(?P<who>.+)$")
_STRIP = [
    (re.compile(r"^\s{0,3}(```|~~~).*?^\s{0,3}\1\s*$", re.S | re.M), "\n"),
    (re.compile(r"<details>.*?</details>", re.S | re.I), "\n"),
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"`[^`\n]*`"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"<[^>\n]+>"), ""),
]
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")
_PAIRS = {"「": "」", "『": "』", "“": "”"}
_TERM_PUNCTUATION = re.compile(r"[。！？!?，,；;：:…]")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class ParsedQuote:
    text: str
    kind: str  # "quote" or "term"
    speaker: str  # canonical name, or "" when the text does not say
    section: int  # index into the write-up's sections
    timestamp: int | None = None


def plain(text: str) -> str:
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return text


def is_term(text: str) -> bool:
    """「潛在」「前沿」「Code Red」 are emphasised phrases, not someone's words."""
    if _TERM_PUNCTUATION.search(text):
        return False
    return len(_CJK.findall(text)) <= 6 and len(re.findall(r"[A-Za-z0-9]+", text)) <= 3


def _turn(line: str):
    line = line.strip()
    match = _BOLD_TURN.match(line)
    if match and (match["c1"] or match["c2"]):
        return match["label"].strip(), None, match["rest"]
    match = _PLAIN_TURN.match(line)
    if match and not _SPEECH_VERB.search(match["label"]):  # "陳小華說：「…」" is narration
        label = f"{match['label']} ({match['abbr']})" if match["abbr"] else match["label"]
        return label, match["ts"], match["rest"]
    return None


class QuoteFinder:
    """Walks a write-up's sections in order, keeping the transcript's current speaker."""

    def __init__(self, names: SpeakerNames, body: str):
        self.names = names
        self.current = ""
        self.label_only = False  # the last turn's label stood alone: its words follow
        self.stamp: str | None = None
        self.found: list[ParsedQuote] = []
        self.seen: set[str] = set()
        counts = Counter(
            turn[0] for line in plain(body).split("\n") if (turn := _turn(line)) is not None
        )
        # A label is a speaker when it recurs or names someone already known: one-off
        # "Note:" or "**嘉宾简介**:" lines are not transcript turns.
        # "Peter McCormack (PM)" defines the "PM" used afterwards: learn those first.
        defining = {label for label in counts if label.endswith(")")}
        for label in defining:
            names.learn_label(label)
        self.labels = defining | {
            label for label, count in counts.items() if count >= 2 or names.resolve(label)
        }
        for label in sorted(self.labels, key=lambda lbl: -counts[lbl]):
            names.learn_label(label)

    def add(self, text: str, speaker: str, section: int, stamp: str | None = None, kind=None):
        text = _EMPHASIS.sub(r"\2", text).strip()
        if not text or text in self.seen:
            return
        self.seen.add(text)
        kind = kind or ("term" if is_term(text) else "quote")
        timestamp = as_seconds(stamp) if stamp else None
        self.found.append(
            ParsedQuote(text, kind, speaker if kind == "quote" else "", section, timestamp)
        )

    def section(self, index: int, markdown: str) -> None:
        for paragraph in re.split(r"\n\s*\n", plain(markdown)):
            if paragraph.strip():
                self.paragraph(index, paragraph.strip("\n"))

    def paragraph(self, index: int, paragraph: str) -> None:
        lines = paragraph.split("\n")
        if all(line.lstrip().startswith(">") for line in lines if line.strip()):
            if self.blockquote(index, [re.sub(r"^\s*>\s?", "", line) for line in lines]):
                return
            paragraph = "\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines)
        turn = _turn(lines[0])
        if turn and turn[0] in self.labels:
            label, stamp, rest = turn
            self.current = self.names.learn_label(label)
            rest = "\n".join([rest, *lines[1:]]).strip()
            if not stamp and (leading := _LEADING_STAMP.match(rest)):
                stamp, rest = leading["ts"], leading["rest"]
            self.label_only = not rest
            self.stamp = stamp
            if rest:
                self.add(rest, self.current, index, stamp, kind="quote")
            return
        if self.current and (leading := _LEADING_STAMP.match(paragraph.strip())):
            if leading["rest"].strip():  # "[06:32] text": the same speaker goes on
                self.add(leading["rest"], self.current, index, leading["ts"], kind="quote")
            return
        if self.current and self.label_only:  # "Name: 00:00:21" on its own, then the words
            self.add(paragraph, self.current, index, self.stamp, kind="quote")
            self.stamp = None
            return
        self.inline(index, paragraph)

    def blockquote(self, index: int, lines: list[str]) -> bool:
        """`> 「…」` then `> —— Name，role`: a quote with its speaker named."""
        content = [line for line in lines if line.strip()]
        if len(content) < 2 or not (match := _ATTRIBUTION.match(content[-1])):
            return False
        person = split_role_name(re.split(r"[，,]", match["who"])[0])
        # The line names the speaker outright, so a new name here is no guess.
        speaker = (self.names.resolve(person.name) or self.names.add(person.name)) if person else ""
        text = " ".join(line.strip() for line in content[:-1])
        for opening, closing in _PAIRS.items():
            if text.startswith(opening) and text.endswith(closing):
                text = text[1:-1]
        self.add(text, speaker, index, kind="quote")
        return True

    def inline(self, index: int, text: str) -> None:
        for start, end in _quoted_spans(text):
            quote = text[start + 1 : end]
            if not quote.strip():
                continue
            self.add(quote, self._attribute(text, start, end), index)

    def _attribute(self, text: str, start: int, end: int) -> str:
        before_end = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        before = text[before_end:start]
        after_match = _SENTENCE_END.search(text, end + 1)
        after = text[end + 1 : after_match.start() if after_match else len(text)]
        return (
            self.names.named_in(before, nearest_last=True)
            or self.names.named_in(after, nearest_last=False)
            or self.names.pronoun_target(before)
            or self.names.pronoun_target(after)  # "…," she says.
        )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Outermost 「…」 『…』 “…” spans, and "…" pairs; nested quotes stay inside."""
    spans, stack = [], []
    for position, char in enumerate(text):
        if char in _PAIRS:
            stack.append((char, position))
        elif stack and char == _PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, position))
    straight = [m.start() for m in re.finditer(r'"', text)]
    if straight and len(straight) % 2 == 0:
        spans += list(zip(straight[::2], straight[1::2], strict=True))
    return sorted(spans)


def find_quotes(names: SpeakerNames, body: str, sections: list[str]) -> list[ParsedQuote]:
    finder = QuoteFinder(names, body)
    for index, markdown in enumerate(sections):
        finder.section(index, markdown)
    return finder.found
