"""Transcript turn labels in every shape real write-ups use.

    **Name:** text          **Name**: text       **Name: (00:00:00)** text
    **Name (00:01):** text  Name: text           Name : text        roasbeef: text
    GN: [05:42] text        Name (00:00:00):     Name 0:07          ###### Name  0:07
    [00:00:05] Name: text   ALICE: text          (00:01:21): text (the last speaker goes on)

A line is only a candidate here; whether its label is a speaker is the walker's call
(a label must recur or name someone the write-up knows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STAMP = r"\d{1,2}(?::\d{2}){1,2}"
_WRAPPED_STAMP = rf"(?:\\?\[\s*(?:{STAMP})\s*\\?\]|[（(]\s*(?:{STAMP})\s*[）)])"
_ANY_STAMP = rf"(?:{_WRAPPED_STAMP}|{STAMP})"
# Latin labels: a name of up to four words, a lower-case handle, "Speaker 2"; CJK: a name.
_LABEL = (
    r"(?:[A-Za-z][\w.'’-]*(?: (?:[A-Za-z][\w.'’-]*|\d{1,2}(?!:?\d))){0,3}"
    r"|[\u3400-\u9fff][\u3400-\u9fff·・ ]{0,11})"
)
_BOLD = re.compile(
    rf"^\*\*(?P<label>[^*\n]{{1,60}}?)\s*(?P<ts1>{_ANY_STAMP})?\s*(?P<c1>[:：])?\s*"
    rf"(?P<ts2>{_ANY_STAMP})?\s*\*\*\s*(?P<c2>[:：])?\s*(?P<rest>.*)$"
)
_PLAIN = re.compile(
    rf"^(?P<label>{_LABEL})\s*(?:[（(](?P<abbr>[A-Z]{{1,4}})[）)])?"
    rf"\s*(?P<ts1>{_WRAPPED_STAMP})?\s*[:：]\s*(?P<rest>.*)$"
)
# "Name 0:07", "Name (00:00:00):" alone on a line; the words come on the next lines.
_LABEL_LINE = re.compile(rf"^(?P<label>{_LABEL})\s+(?P<ts1>{_ANY_STAMP})\s*[:：]?$")
_BARE_STAMP = re.compile(rf"^(?P<ts1>{_WRAPPED_STAMP})\s*[:：]\s*(?P<rest>.*)$")
_HEADING = re.compile(r"^#{1,6}\s+")
# "[00:00:05] Name: text" and "00:00:05 Name: text": the stamp before the label.
_STAMP_FIRST = re.compile(rf"^(?P<ts>{_ANY_STAMP})\s+(?P<rest>[^\d\s(\[].*)$")
_STAMP_IN = re.compile(rf"(?P<ts>{_WRAPPED_STAMP})")
_LEADING = re.compile(rf"^\s*(?P<ts>{_ANY_STAMP})\s*(?P<rest>.*)$", re.S)
_DIGITS = re.compile(STAMP)
_SPEECH_VERB = re.compile(
    r"(?:說|说|表示|指出|認為|认为|問|问|回答|回應|回应|提到|強調|强调|坦言|補充|补充|寫道|写道)$"
)


@dataclass(frozen=True)
class Turn:
    label: str  # "" for a bare stamp: whoever spoke last goes on
    stamp: str | None
    rest: str  # the words on the label's own line ("" when they follow below)


def stamp_digits(text: str | None) -> str | None:
    return (match[0] if (match := _DIGITS.search(text)) else None) if text else None


def read_turn(line: str) -> Turn | None:
    head = line[:160]
    if ":" not in head and "：" not in head:  # every label and every stamp has a colon
        return None
    line = line.strip()
    if (match := _STAMP_FIRST.match(line)) and (turn := read_turn(match["rest"])):
        return Turn(turn.label, turn.stamp or stamp_digits(match["ts"]), turn.rest)
    heading = bool(_HEADING.match(line))
    if heading:  # "###### Name  0:07" is a label; any other heading is not
        match = _LABEL_LINE.match(_HEADING.sub("", line).strip(" *"))
        return _turn(match["label"], match["ts1"], "") if match else None
    if (match := _BOLD.match(line)) and (match["c1"] or match["c2"]):
        return _turn(match["label"], match["ts1"] or match["ts2"], match["rest"])
    if (match := _BOLD.match(line)) and (match["ts1"] or match["ts2"]) and not match["rest"]:
        return _turn(match["label"], match["ts1"] or match["ts2"], "")
    if match := _BARE_STAMP.match(line):
        return Turn("", stamp_digits(match["ts1"]), match["rest"])
    if (match := _PLAIN.match(line)) and not match["rest"].startswith("//"):
        if _SPEECH_VERB.search(match["label"]):  # "陳小華說：「…」" is narration
            return None
        label = f"{match['label']} ({match['abbr']})" if match["abbr"] else match["label"]
        return _turn(label, match["ts1"], match["rest"])
    if match := _LABEL_LINE.match(line.strip("*")):
        return _turn(match["label"], match["ts1"], "")
    return None


def _turn(label: str, stamp: str | None, rest: str) -> Turn | None:
    label = re.sub(r"\s+", " ", label).strip(" *_:：")
    if not label:
        return None
    stamp = stamp_digits(stamp)
    if not stamp and (leading := _LEADING.match(rest)):  # "GN: [05:42] text"
        stamp, rest = stamp_digits(leading["ts"]), leading["rest"]
    return Turn(label, stamp, rest.strip())


def leading_stamp(text: str) -> tuple[str | None, str]:
    """ "[06:32] text" or "(00:12:34) text": the stamp, and the words without it."""
    if match := _LEADING.match(text):
        return stamp_digits(match["ts"]), match["rest"]
    return None, text


def without_stamps(text: str) -> tuple[str | None, str]:
    """The first wrapped stamp in the text, and the text with every one taken out."""
    first = _STAMP_IN.search(text)
    cleaned = re.sub(r"\s{2,}", " ", _STAMP_IN.sub("", text)).strip()
    return (stamp_digits(first["ts"]) if first else None), cleaned
