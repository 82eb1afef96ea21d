"""From a write-up's text to everything the knowledge base stores about it (no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from ..search.analysis import Analysis, analyse
from . import facts, frontmatter, language, limits
from .errors import ArticleError
from .people import Person, people, show_name_from
from .preface import is_only_preface, read_preface
from .quotes import ParsedQuote, find_quotes, plain
from .render import Renderer, inline_text
from .sections import ParsedSection, assign_anchors, split_sections
from .source import Source, verbatim_text
from .speakers import SpeakerNames, latin_names
from .values import as_bool, as_date, as_datetime, as_duration, as_links, as_list, as_slug, as_text

FIELDS = {
    "date": ("date", "pubdate", "published", "publishdate", "pub_date", "created"),
    "updated": ("lastmod", "updated", "modified", "last_modified"),
    "description": ("description", "summary", "subtitle", "excerpt"),
    "tags": ("tags", "topics", "keywords"),
    "categories": ("categories", "category"),
    "show": ("podcast", "show", "series", "podcast_show", "channel", "podcasts"),
    "number": ("episode", "episode_number", "number"),
    "episode_title": ("episodetitle", "episode_title"),
    "air_date": ("episodedate", "episode_date", "air_date", "airdate"),
    "hosts": ("host", "hosts"),
    "guests": ("guest", "guests", "speakers"),
    "duration": ("duration", "podcast_duration", "length"),
    "language": ("language", "lang"),
}
LINK_FIELDS = (
    "listenlinks", "links", "urls", "audio", "audio_url", "podcast_file", "url", "youtube",
    "youtube_url", "media", "source_url", "resource",
)  # fmt: skip
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)  # sorts last; `dated` says it is no real date
_FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class ParsedArticle:
    source: Source
    source_text: str  # the file as written, decoded
    front_matter: dict
    title: str
    slug: str
    published: datetime  # UNDATED when the write-up gives no date (see `dated`)
    updated: datetime | None
    description: str
    language: str
    draft: bool
    tags: list[str]
    categories: list[str]
    body: str
    sections: list[ParsedSection]
    quotes: list[ParsedQuote]
    dated: bool = True
    show: str = ""
    number: str = ""
    episode_title: str = ""
    air_date: date | None = None
    duration: timedelta | None = None
    hosts: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    # Attributions an editor made, carried in an export's front matter (`quotes:`).
    attributions: dict[str, tuple[str, str]] = field(default_factory=dict)
    search: Analysis | None = None  # what the search index takes of it; drafts have none

    @property
    def has_episode(self) -> bool:
        return bool(
            self.show or self.hosts or self.guests or self.links or self.number or self.duration
        )


def _first(fm: frontmatter.FrontMatter, name: str):
    for key in FIELDS[name]:
        value = fm.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def parse_article(source: Source, *, encoding: str | None = None, renderer=None) -> ParsedArticle:
    verbatim = verbatim_text(source, encoding)
    fm = frontmatter.split(verbatim.replace("\r\n", "\n").replace("\r", "\n"))
    limits.check(fm.body)  # shapes that would take the parsers minutes are refused first
    title_from_body, preamble, sections = split_sections(fm.body)
    preface = read_preface(_preface_text(preamble if len(sections) > 1 else fm.body))
    if preamble.strip() and not is_only_preface(preamble):
        sections.insert(0, ParsedSection("", preamble, "intro", None))
    assign_anchors(sections)

    nested = fm.get("source") if isinstance(fm.get("source"), dict) else {}
    nested_show, nested_hosts, nested_date = facts.nested_source(nested)
    hosts = (
        people(_first(fm, "hosts")) or preface.hosts or nested_hosts or facts.podcast_authors(fm)
    )
    speakers_map = fm.get("speakers") if isinstance(fm.get("speakers"), dict) else {}
    guests = people(list(speakers_map.values()) if speakers_map else _first(fm, "guests"))
    listed_hosts, listed_guests = facts.people_lists(fm.body)
    hosts = hosts or [Person(name) for name in listed_hosts]
    title_guest = facts.guest_in_title(as_text(fm.get("title")) or title_from_body)
    guests = (
        guests
        or preface.guests
        or [Person(name) for name in listed_guests]
        or ([title_guest] if title_guest else [])
    )
    guests = _with_titles(guests, preface.guests)
    host_names = {p.name for p in hosts}
    guests = [g for g in guests if g.name not in host_names]

    def who_said_what(hosts, guests, inferred=False) -> tuple[SpeakerNames, list[ParsedQuote]]:
        names = SpeakerNames(hosts=hosts, guests=guests, inferred=inferred)
        names.not_names = {n.lower() for n in [show_name, *(s.heading for s in sections)] if n}
        names.reference_names = latin_names(" ".join([title_text, description]))
        for person in [*hosts, *guests]:
            names.add(person.name)
        for abbreviation, name in speakers_map.items():
            names.add(as_text(name), str(abbreviation))
        bodies, headings = [s.body for s in sections], [s.heading for s in sections]
        return names, find_quotes(names, fm.body, bodies, headings)

    show_name = show_name_from(as_text(_first(fm, "show")), verbatim) or preface.show
    title_text = " ".join([as_text(fm.get("title")), title_from_body])
    description = as_text(_first(fm, "description"))
    names, quotes = who_said_what(hosts, guests)
    stated = (hosts, guests)
    if not hosts and not guests:
        hosts, guests = facts.transcript_people(quotes, names.same_person)
    elif not hosts and (host := facts.transcript_host(quotes, guests)):
        hosts, guests = [Person(host)], [g for g in guests if g.name != host]
    guests = guests or facts.prose_guests(quotes, hosts)
    if (hosts, guests) != stated:  # now "Host:" and "主持人：" name someone: read again
        names, quotes = who_said_what(hosts, guests, inferred=True)
    host_names = {p.name for p in hosts}

    render = renderer or Renderer()
    for section in sections:
        section.body_html = render(section.body)
        section.heading = inline_text(section.heading)[:500]
        section.anchor = section.anchor[:200]

    title = (
        inline_text(as_text(fm.get("title")))
        or inline_text(title_from_body)
        # `source: {series: Show, title: Episode}` names the episode (without a series, the
        # title of a podcast source is the show's).
        or (inline_text(as_text(nested.get("title"))) if nested.get("series") else "")
        or _humanise(source.stem)
    )
    # A write-up without a date is undated, never "today": the import day says nothing.
    published = as_datetime(_first(fm, "date")) or _filename_date(source.name)
    links = [pair for key in LINK_FIELDS for pair in as_links(fm.get(key), key)]
    opening = plain(fm.body[: facts.OPENING_CHARS * 2])  # where a show names itself
    links += as_links(nested.get("url"), "url") + preface.links
    # An episode's own page (a number, a length, listen links, the list of its speakers) is
    # dated by its release or recording.
    episode_page = bool(
        links or _first(fm, "number") or _first(fm, "duration") or fm.get("speakers")
    )
    parsed = ParsedArticle(
        source=source,
        source_text=verbatim,
        front_matter=fm.data,
        title=title[:500],
        slug=as_slug(as_text(fm.get("slug")) or source.stem) or as_slug(title),
        published=published or UNDATED,
        dated=published is not None,
        updated=as_datetime(_first(fm, "updated"), "updated"),
        description=_clean_description(as_text(_first(fm, "description"))),
        language=language.detect(fm.body, as_text(_first(fm, "language"))),
        draft=as_bool(fm.get("draft")) if fm.get("draft") is not None else False,
        tags=[t[:100] for t in as_list(_first(fm, "tags"))],
        categories=[c[:100] for c in as_list(_first(fm, "categories"))],
        body=fm.body,
        sections=sections,
        quotes=quotes,
        show=inline_text(
            show_name_from(as_text(_first(fm, "show")), verbatim)
            or nested_show
            or preface.show
            or facts.show_in_title(as_text(fm.get("title")) or title_from_body)
            or facts.show_in_opening(opening)
        )[:200],
        number=(
            as_text(_first(fm, "number"))
            or preface.number
            or facts.number_in_title(as_text(fm.get("title")) or title_from_body)
            or facts.number_in_opening(opening)
        )[:50],
        episode_title=inline_text(as_text(_first(fm, "episode_title")))[:300],
        air_date=_air_date(fm, preface, nested_date, title, published if episode_page else None),
        duration=as_duration(_first(fm, "duration") or nested.get("duration")),
        hosts=hosts,
        guests=[g for g in guests if g.name not in host_names],
        links=list(dict.fromkeys((label[:100], url) for label, url in links if len(url) <= 2000)),
        aliases=names.aliases,
        attributions=_attributions(fm.get("quotes")),
    )
    if not parsed.draft:  # text work done here keeps it out of the import's transaction
        parsed.search = analyse(
            parsed.title,
            parsed.description,
            [(s.heading, s.body_html) for s in sections],
            [q.text for q in quotes if q.kind == "quote"],
        )
    return parsed


def _air_date(fm, preface, nested_date: str, title: str, page_date: datetime | None):
    """The day it aired: as stated (an empty `episodeDate` states it is unknown), else in
    the preface, a nested source or the title, else the date of an episode's own page."""
    if any(key in fm.lowered for key in FIELDS["air_date"]):
        return as_date(_first(fm, "air_date"), "episodeDate")
    return (
        preface.air_date
        or as_date(nested_date or None, "source.date")
        or facts.date_in_title(title)
        or (timezone.localdate(page_date) if page_date else None)
    )


def _attributions(value) -> dict[str, tuple[str, str]]:
    """`quotes: [{text, speaker, status}]` -> text: (speaker name, status)."""
    found = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and as_text(item.get("text")):
            status = as_text(item.get("status")) or "confirmed"
            if status not in {"auto", "confirmed", "disputed"}:
                raise ArticleError(f"quotes: unknown attribution status {status!r}")
            found[as_text(item["text"])] = (as_text(item.get("speaker")), status)
    return found


PREFACE_CHARS = 800


def _preface_text(text: str) -> str:
    """Where episode facts are stated: an opening blockquote, else the first paragraph.
    Never deeper: a transcript's "**主持人**: 大家好" is not a preface."""
    lines = text.lstrip("\n").split("\n")
    quoted = next((i for i, line in enumerate(lines) if not line.startswith(">")), len(lines))
    if quoted:
        return "\n".join(lines[:quoted])[:PREFACE_CHARS]
    return text.lstrip("\n").split("\n\n", 1)[0][:PREFACE_CHARS]


def _with_titles(found: list[Person], from_preface: list[Person]) -> list[Person]:
    titles = {p.name: p.title for p in from_preface if p.title}
    return [Person(p.name, p.title or titles.get(p.name, "")) for p in found]


def _clean_description(text: str) -> str:
    text = re.sub(r"(?:^|\s)>\s", " ", text)  # a preface pasted in as the description
    return re.sub(r"\s+", " ", text).strip(" :：")


def _filename_date(name: str) -> datetime | None:
    match = _FILENAME_DATE.search(name.rsplit("/", 1)[-1])
    if not match:
        return None
    try:
        return _at_midnight(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError:
        return None


def _at_midnight(day: date | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _humanise(stem: str) -> str:
    return re.sub(r"[-_]+", " ", stem).strip() or "Untitled"


__all__ = ["ArticleError", "ParsedArticle", "parse_article"]
