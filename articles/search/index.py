"""Keeping the search index in step with the content, in the caller's transaction."""

from __future__ import annotations

import html
import re

from ..models import Article, Quote, SearchEntry, Section, Speaker
from ..sql import insert_rows
from .text import search_text

PASSAGE_CHARS = 2000
# Passages overlap by more than any sensible query, so a phrase never falls between two.
OVERLAP = 200
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|tr|pre|div|dd|dt)>|<br\s*/?>", re.I)


def plain_text(body_html: str) -> str:
    """Readable text of sanitised HTML: block ends become line breaks."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", body_html))
    text = html.unescape(text)
    return re.sub(r"\n\s*\n+", "\n", re.sub(r"[ \t]+", " ", text)).strip()


def passages(text: str) -> list[str]:
    if len(text) <= PASSAGE_CHARS:
        return [text] if text else []
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + PASSAGE_CHARS)
        if end < len(text):  # end at a line or sentence break when there is one near
            cut = max(text.rfind("\n", start + PASSAGE_CHARS // 2, end),
                      text.rfind("。", start + PASSAGE_CHARS // 2, end))  # fmt: skip
            end = cut + 1 if cut > 0 else end
        chunks.append(text[start:end])
        if end >= len(text):
            break
        start = end - OVERLAP
    return chunks


def article_passages(article: Article, sections) -> list[tuple[Section | None, str]]:
    """(section, text) for every passage of a write-up; the oracle of the search tests too."""
    found = [(None, "\n".join(filter(None, [article.title, article.description])))]
    for section in sections:
        body = "\n".join(filter(None, [section.heading, plain_text(section.body_html)]))
        found += [(section, passage) for passage in passages(body)]
    return found


def index_article(article: Article, sections=None) -> None:
    """Replace the write-up's entries (its passages and spoken quotes); drafts get none."""
    SearchEntry.objects.filter(article=article).delete()
    if article.draft:
        return
    if sections is None:
        sections = list(article.sections.all())
    episode = article.episode
    show_id = episode.show_id if episode else None
    url = article.get_absolute_url()
    rows = []

    def add(kind, title, link, text, section_id=None, quote_id=None, speaker_id=None):
        tokens = search_text(text)
        if kind == SearchEntry.Kind.QUOTE:
            tokens = f" {tokens} "  # whole tokens as substrings (backends.quote_hits)
        rows.append((kind, article.pk, section_id, quote_id, speaker_id, show_id,
                     title[:500], link, text, tokens, article.language,
                     article.published, article.published.year))  # fmt: skip

    for section, text in article_passages(article, sections):
        if section is None:
            add(SearchEntry.Kind.ARTICLE, article.title, url, text)
            continue
        title = f"{article.title} · {section.heading}" if section.heading else article.title
        add(SearchEntry.Kind.SECTION, title, f"{url}#{section.anchor}", text, section.pk)
    anchors = {s.pk: s.anchor for s in sections}
    quotes = Quote.objects.filter(article=article, kind=Quote.Kind.QUOTE).select_related("speaker")
    for quote in quotes.only("text", "section_id", "speaker__name"):
        anchor = anchors.get(quote.section_id)
        title = quote.speaker.name if quote.speaker else article.title
        link = f"{url}#{anchor}" if anchor else url
        add(SearchEntry.Kind.QUOTE, title, link, quote.text, quote.section_id, quote.pk,
            quote.speaker_id)  # fmt: skip
    insert_rows(SearchEntry, ENTRY_COLUMNS, rows)


ENTRY_COLUMNS = ("kind", "article", "section", "quote", "speaker", "show", "title", "url", "text",
                 "search_text", "language", "published", "year")  # fmt: skip


def index_speaker(speaker: Speaker) -> None:
    SearchEntry.objects.filter(kind=SearchEntry.Kind.SPEAKER, speaker=speaker).delete()
    text = "\n".join(filter(None, [speaker.name, "、".join(speaker.aliases), speaker.bio]))
    SearchEntry.objects.create(
        kind=SearchEntry.Kind.SPEAKER, speaker=speaker, title=speaker.name,
        url=speaker.get_absolute_url(), text=text, search_text=search_text(text),
    )  # fmt: skip


def rebuild() -> int:
    """Index everything again; returns how many entries there are."""
    SearchEntry.objects.all().delete()
    articles = Article.objects.select_related("episode").prefetch_related("sections")
    for article in articles.iterator(chunk_size=200):
        index_article(article, list(article.sections.all()))
    for speaker in Speaker.objects.iterator():
        index_speaker(speaker)
    return SearchEntry.objects.count()
