"""Episode facts a write-up states outside its front matter's own fields: in its title
("股癌 EP622 (2025-12-27)", "RNR 134: … with Lorenzo Sciandra"), in a nested `source:` map,
or in the transcript itself (the speaker who welcomes listeners hosts the show)."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from .people import Person, people, split_role_name
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
# How a show names itself in its opening words: "歡迎收聽《X》", "各位《X》的听众",
# "welcome to another episode of the X podcast", "this is the X podcast".
_OPENING_SHOW = re.compile(
    r"(?:收听|收聽|听众|聽眾|欢迎|歡迎|来到|來到)[^。！？\n]{0,12}?《\**(?P<zh>[^》*\n]{1,40})\**》"
    r"|《\**(?P<zh3>[^》*\n]{1,40})\**》[^。！？\n]{0,40}?(?:听众|聽眾|的播客|播客节目|播客節目)"
    r"|欢迎收听(?:新一期的)?\s*(?P<zh2>[^，。！？\s《》]{2,30}?)\s*播客"
    r"|(?i:welcome to|you're listening to|this is)\s+(?:(?i:another|a new|this|the latest)\s+"
    r"(?i:episode|edition)\s+of\s+)?(?:the\s+)?(?P<en>[A-Z][\w'’&]*(?:\s[A-Z][\w'’&]*){0,3})"
    r"\s+(?i:podcast|show)\b"
)
_OPENING_NUMBER = re.compile(r"第\s*(?P<zh>\d{1,5})\s*[期集]|\b(?i:episode)\s+#?(?P<en>\d{1,5})\b")
_SELF_INTRODUCTION = re.compile(
    r"(?:我是|我叫|I'm|I am|[Mm]y name is)\s*(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}|"
    r"[\u3400-\u9fff]+(?:[·・][\u3400-\u9fff]+)*)"
)
OPENING_CHARS = 1500
_TITLE_SHOW = re.compile(
    r"^(?P<show>[^\s|｜:：—–-][^|｜:：—–]{1,30}?)\s*(?:EP|E|#)\s?\d{1,5}\b"
    r"|^(?P<named>[^|｜:：—–]{2,40}?\s*(?:播客|Podcast))\s*[|｜:：—–]"
)
# "423 Tulsi Gabbard": a number, then a name and nothing else (not "016 some file name").
_NUMBER_AND_NAME = re.compile(rf"^(?P<n>\d{{1,5}})\s+{_LATIN_NAME}$")


def number_in_title(title: str) -> str:
    """Written as "EP622", "E238" or "#423" (a bare leading number may be anything)."""
    if match := _NUMBER_AND_NAME.match(title.strip()):
        return match["n"]
    match = _NUMBER.search(title)
    return match[0].replace(" ", "") if match else ""


def show_in_opening(text: str) -> str:
    """The show as its host names it in the first words of a transcript or summary."""
    match = _OPENING_SHOW.search(text[:OPENING_CHARS])
    return (match["zh"] or match["zh2"] or match["zh3"] or match["en"]).strip() if match else ""


def number_in_opening(text: str) -> str:
    match = _OPENING_NUMBER.search(text[:OPENING_CHARS])
    return (match["zh"] or match["en"]) if match else ""


def show_in_title(title: str) -> str:
    """ "股癌 EP622 …": the show's name stands before the episode number."""
    match = _TITLE_SHOW.match(title.strip())
    return (match["show"] or match["named"]).strip() if match else ""


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


def transcript_people(quotes: list[ParsedQuote], same_person) -> tuple[list[Person], list[Person]]:
    """Hosts and guests of a transcript whose write-up names nobody: the speaker who opens
    by welcoming listeners hosts, and so does one who introduces themself in the opening
    turns ("我是翠西·阿洛威", "and I'm Tracy Alloway"); everyone else who speaks is a guest."""
    turns = [q for q in quotes if q.turn and q.speaker]
    speakers = list(dict.fromkeys(q.speaker for q in turns))
    hosts = [transcript_host(quotes, [])]
    for turn in turns[:6]:
        introduced = _SELF_INTRODUCTION.search(turn.text[:200])
        if introduced and same_person(introduced["name"], turn.speaker):
            hosts.append(turn.speaker)
    hosts = [name for name in dict.fromkeys(hosts) if name]
    return [Person(n) for n in hosts], [Person(n) for n in speakers if n not in hosts]


def transcript_host(quotes: list[ParsedQuote], guests: list[Person]) -> str:
    """Who hosts a transcript whose write-up names no host: the one who welcomes the
    listeners, else the one who asks the questions."""
    return welcoming_host(quotes, guests) or questioner(quotes, guests)


def questioner(quotes: list[ParsedQuote], guests: list[Person]) -> str:
    """The speaker most of whose turns ask something, far more than anyone else's do."""
    asked: dict[str, list[int]] = {}
    for quote in quotes:
        if quote.turn and quote.speaker:
            asked.setdefault(quote.speaker, []).append(
                "?" in quote.text[-80:] or "？" in quote.text[-80:]
            )
    shares = sorted(
        ((sum(turns) / len(turns), sum(turns), name) for name, turns in asked.items()), reverse=True
    )
    if len(shares) < 2 or shares[0][1] < 3 or shares[0][0] < 0.4 or shares[0][0] < 2 * shares[1][0]:
        return ""
    return shares[0][2]


def prose_guests(quotes: list[ParsedQuote], hosts: list[Person]) -> list[Person]:
    """A summary that names no guest but quotes two or more people besides its hosts is
    quoting its guests (one voice alone may well be a solo show's host)."""
    host_names = {h.name for h in hosts}
    voices = list(dict.fromkeys(q.speaker for q in quotes if q.speaker and not q.turn))
    voices = [v for v in voices if v not in host_names]
    return (
        [Person(v) for v in voices] if len(voices) >= 2 and not any(q.turn for q in quotes) else []
    )


def podcast_authors(fm) -> list[Person]:
    """A note typed as a podcast credits the show's makers as its authors."""
    if as_text(fm.get("type")).lower() != "podcast":
        return []
    return people(fm.get("authors") or fm.get("author"))  # lists and slugs ("lenny-rachitsky")


def welcoming_host(quotes: list[ParsedQuote], guests: list[Person]) -> str:
    """The transcript's first speaker, when their first words welcome the listeners and
    the write-up names no host: "GN: I'm Gary Null and I'd like to welcome you"."""
    first = next((q for q in quotes if q.turn), None)
    others = {q.speaker for q in quotes if q.turn and q.speaker} - {first.speaker if first else ""}
    if first and first.speaker and others and _WELCOME.search(first.text[:300]):
        return first.speaker
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
        if "**" not in line and "主持" not in line:  # cheap: most lines are neither
            continue
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
