"""From a write-up's text to everything the knowledge base stores about it (no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from ..search.analysis import Analysis, analyse
from . import frontmatter, language, limits
from .errors import WriteupError
from .people import Person, people, slug_name
from .preface import is_only_preface, read_preface
from .quotes import ParsedQuote, find_quotes
from .render import Renderer
from .sections import ParsedSection, assign_anchors, split_sections
from .source import Source, verbatim_text
from .speakers import SpeakerNames
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
_FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class ParsedWriteup:
    source: Source
    source_text: str  # the file as written, decoded
    front_matter: dict
    title: str
    slug: str
    published: datetime
    updated: datetime | None
    description: str
    language: str
    draft: bool
    tags: list[str]
    categories: list[str]
    body: str
    sections: list[ParsedSection]
    quotes: list[ParsedQuote]
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


def parse_writeup(source: Source, *, encoding: str | None = None, renderer=None) -> ParsedWriteup:
    verbatim = verbatim_text(source, encoding)
    fm = frontmatter.split(verbatim.replace("\r\n", "\n").replace("\r", "\n"))
    limits.check(fm.body)  # shapes that would take the parsers minutes are refused first
    title_from_body, preamble, sections = split_sections(fm.body)
    preface = read_preface(_preface_text(preamble if len(sections) > 1 else fm.body))
    if preamble.strip() and not is_only_preface(preamble):
        sections.insert(0, ParsedSection("", preamble, "intro", None))
    assign_anchors(sections)

    nested = fm.get("source") if isinstance(fm.get("source"), dict) else {}
    hosts = people(_first(fm, "hosts")) or preface.hosts
    speakers_map = fm.get("speakers") if isinstance(fm.get("speakers"), dict) else {}
    guests = people(list(speakers_map.values()) if speakers_map else _first(fm, "guests"))
    guests = _with_titles(guests or preface.guests, preface.guests)
    host_names = {p.name for p in hosts}
    guests = [g for g in guests if g.name not in host_names]

    names = SpeakerNames(hosts=hosts, guests=guests)
    for person in [*hosts, *guests]:
        names.add(person.name)
    for abbreviation, name in speakers_map.items():
        names.add(as_text(name), str(abbreviation))
    quotes = find_quotes(names, fm.body, [s.body for s in sections])

    render = renderer or Renderer()
    for section in sections:
        section.body_html = render(section.body)
        section.heading, section.anchor = section.heading[:500], section.anchor[:200]

    title = as_text(fm.get("title")) or title_from_body or _humanise(source.stem)
    published = (
        as_datetime(_first(fm, "date"))
        or _filename_date(source.name)
        or _at_midnight(preface.air_date)
        or source.modified
        or timezone.now()
    )
    links = [pair for key in LINK_FIELDS for pair in as_links(fm.get(key), key)]
    links += as_links(nested.get("url"), "url") + preface.links
    parsed = ParsedWriteup(
        source=source,
        source_text=verbatim,
        front_matter=fm.data,
        title=title[:500],
        slug=as_slug(as_text(fm.get("slug")) or source.stem) or as_slug(title),
        published=published,
        updated=as_datetime(_first(fm, "updated"), "updated"),
        description=_clean_description(as_text(_first(fm, "description"))),
        language=language.detect(fm.body, as_text(_first(fm, "language"))),
        draft=as_bool(fm.get("draft")) if fm.get("draft") is not None else False,
        tags=[t[:100] for t in as_list(_first(fm, "tags"))],
        categories=[c[:100] for c in as_list(_first(fm, "categories"))],
        body=fm.body,
        sections=sections,
        quotes=quotes,
        show=slug_name(
            as_text(_first(fm, "show")) or as_text(nested.get("series")) or preface.show
        )[:200],
        number=as_text(_first(fm, "number"))[:50],
        episode_title=as_text(_first(fm, "episode_title"))[:300],
        air_date=as_date(_first(fm, "air_date"), "episodeDate") or preface.air_date,
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


def _attributions(value) -> dict[str, tuple[str, str]]:
    """`quotes: [{text, speaker, status}]` -> text: (speaker name, status)."""
    found = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and as_text(item.get("text")):
            status = as_text(item.get("status")) or "confirmed"
            if status not in {"auto", "confirmed", "disputed"}:
                raise WriteupError(f"quotes: unknown attribution status {status!r}")
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


__all__ = ["ParsedWriteup", "WriteupError", "parse_writeup"]
