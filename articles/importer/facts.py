"""Episode facts a write-up states outside its front matter's own fields: in its title
("股癌 EP622 (2025-12-27)", "RNR 134: … with Lorenzo Sciandra"), in a nested `source:` map,
or in the transcript itself (the speaker who welcomes listeners hosts the show)."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from .people import Person, split_role_name
from .quotes import ParsedQuote
from .values import as_text

_NUMBER = re.compile(r"(?<![\w-])(?:EP?|Ep\.?|No\.?|#)\s?\d{1,5}(?![\w-])")
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_LATIN_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}"
_GUEST = re.compile(
    rf"\b(?:with|ft\.?|feat\.?|featuring)\s+(?P<tail>{_LATIN_NAME})\s*$"
    rf"|^(?:\d{{1,5}}\s+)(?P<after_number>{_LATIN_NAME})\s*$"
    rf"|^(?P<lead>{_LATIN_NAME})\s*[:：|—–]\s"
)
_WELCOME = re.compile(
    r"welcome|欢迎|歡迎|大家好|this is|you're listening|我是|I'm|I am|my name is|"
    r"conversation with|joined by|以下是与|以下是與|今天的嘉宾|今天的嘉賓",
    re.I,
)
_TITLE_SHOW = re.compile(r"^(?P<show>[^\s|｜:：—–-][^|｜:：—–]{1,30}?)\s*(?:EP|E|#)\s?\d{1,5}\b")


def number_in_title(title: str) -> str:
    """Written as "EP622", "E238" or "#423" (a bare leading number may be anything)."""
    match = _NUMBER.search(title)
    return match[0].replace(" ", "") if match else ""


def show_in_title(title: str) -> str:
    """ "股癌 EP622 …": the show's name stands before the episode number."""
    match = _TITLE_SHOW.match(title.strip())
    return match["show"].strip() if match else ""


def date_in_title(title: str) -> date | None:
    if match := _DATE.search(title):
        with suppress(ValueError):
            return date(int(match[1]), int(match[2]), int(match[3]))
    return None


def guest_in_title(title: str) -> Person | None:
    """ "… with Lorenzo Sciandra", "423 Tulsi Gabbard", "Rosa Gutiérrez: Solid Queue"."""
    if match := _GUEST.search(title.strip()):
        return Person(match["tail"] or match["after_number"] or match["lead"])
    return None


def nested_source(value) -> tuple[str, list[Person], str]:
    """`source: {type: podcast, title: On Rails, author: Robby Russell}`: the show, its host
    and the date; a source of another type (a video, a book) names no show."""
    if not isinstance(value, dict):
        return "", [], ""
    show = as_text(value.get("series"))
    hosts = []
    if as_text(value.get("type")).lower() in {"podcast", "show", "episode"}:
        show = show or as_text(value.get("title"))
        if author := as_text(value.get("author") or value.get("host")):
            hosts = [Person(author)]
    return show, hosts, as_text(value.get("date"))


def transcript_people(quotes: list[ParsedQuote]) -> tuple[list[Person], list[Person]]:
    """Hosts and guests of a transcript whose write-up names nobody: the speaker who opens
    by welcoming listeners hosts; everyone else who speaks is a guest."""
    speakers = list(dict.fromkeys(q.speaker for q in quotes if q.turn and q.speaker))
    host = welcoming_host(quotes, [])
    guests = [Person(name) for name in speakers if name != host]
    return ([Person(host)] if host else []), guests


def welcoming_host(quotes: list[ParsedQuote], guests: list[Person]) -> str:
    """The transcript's first speaker, when their first words welcome the listeners and
    the write-up names no host: "GN: I'm Gary Null and I'd like to welcome you"."""
    first = next((q for q in quotes if q.turn), None)
    others = {q.speaker for q in quotes if q.turn and q.speaker} - {first.speaker if first else ""}
    if first and first.speaker and others and _WELCOME.search(first.text[:300]):
        return first.speaker if first.speaker in {g.name for g in guests} or not guests else ""
    return ""


_HOST_KEYS = r"hosts?|hosted by|co-?hosts?|panelists?|主持人?|主播|主理人"
_GUEST_KEYS = r"guests?|guest speakers?|interviewees?|嘉宾|嘉賓|來賓|来宾|受訪者|受访者"
_KEY = rf"(?P<key>{_HOST_KEYS}|{_GUEST_KEYS})"
# "**Panelists**" then "- Name" lines, or "- **Host:** A、B" (a list item: a transcript's
# "**Host**: 大家好…" is a turn, not a list).
_LIST_HEAD = re.compile(rf"^\s*\*\*{_KEY}\s*[:：]?\s*\*\*\s*[:：]?\s*$", re.I)
_INLINE = re.compile(
    rf"^\s*[-*]\s+\*\*{_KEY}\s*[:：]?\s*\*\*\s*[:：]?\s*(?P<value>[^。！？!?]{{1,80}})$", re.I
)
_ITEM = re.compile(r"^\s*[-*]\s+(?P<value>\S.*)$")
_CREDIT = re.compile(r"[（(](?P<name>[\u3400-\u9fff]{2,4}|[A-Z]\w+(?: [A-Z]\w+){0,2})主持[）)]")


def people_lists(body: str) -> tuple[list[str], list[str]]:
    """Hosts and guests that the write-up lists under a label of their own."""
    hosts: list[str] = []
    guests: list[str] = []
    lines = body.split("\n")[:400]  # such lists stand near the top or bottom of short notes
    for index, line in enumerate(lines):
        target = None
        if match := _LIST_HEAD.match(line):
            target = hosts if re.fullmatch(_HOST_KEYS, match["key"], re.I) else guests
            for item in lines[index + 1 : index + 12]:
                if item_match := _ITEM.match(item):
                    target.append(item_match["value"])
                elif item.strip():
                    break
        elif match := _INLINE.match(line):
            target = hosts if re.fullmatch(_HOST_KEYS, match["key"], re.I) else guests
            target += re.split(r"\s*(?:[、,，;；]|\band\b|和|與|与)\s*", match["value"])
        elif match := _CREDIT.search(line):
            hosts.append(match["name"])
    return _names(hosts), _names(guests)


def _names(values: list[str]) -> list[str]:
    found = []
    for value in values:
        value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value).strip(" *_.。")
        person = split_role_name(value)
        if person and 1 < len(person.name) <= 40 and not re.search(r"https?:|/", person.name):
            found.append(person.name)
    return list(dict.fromkeys(found))
