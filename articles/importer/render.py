"""Markdown to HTML that is safe to serve: write-ups are untrusted input."""

from __future__ import annotations

import re

import markdown
import nh3
from markdown.extensions.toc import TocExtension, slugify_unicode

EXTENSIONS = [
    "tables",
    "fenced_code",
    "footnotes",
    "sane_lists",
    TocExtension(slugify=slugify_unicode, permalink=False),
]
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"details", "summary", "mark", "figure", "figcaption"}
ALLOWED_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    **{f"h{n}": {"id"} for n in range(1, 7)},
    "a": {"href", "title", "id"},
    "sup": {"id"},
    "li": {"id"},
    "code": {"class"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_INLINE_MARKUP = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images, links: their words
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"^\s*#{1,6}\s+|\s+#+\s*$"), ""),
    (re.compile(r"(\*\*|\*|~~|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),  # not snake_case
    (re.compile(r"\*{2,3}"), ""),  # an emphasis left open
    (re.compile(r"\s+"), " "),
]


class Renderer:
    """One Markdown instance reused across calls (building one per call is the slow part)."""

    def __init__(self):
        self._md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")

    def __call__(self, text: str) -> str:
        html = self._md.reset().convert(text)
        return sanitise(html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def inline_text(text: str) -> str:
    """A title, heading or name as plain text: "**Code Red** 的真相" -> "Code Red 的真相"."""
    for _ in range(2):  # "***both***" nests one inside the other
        for pattern, replacement in _INLINE_MARKUP:
            text = pattern.sub(replacement, text)
    return text.strip()
