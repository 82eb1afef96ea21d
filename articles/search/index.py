"""Keeping the search index in step with the content, in the caller's transaction."""

from __future__ import annotations

from ..bulk_insert import insert_rows
from ..models import (
    Appearance,
    Article,
    Quote,
    SearchDocument,
    SearchEntry,
    SearchWords,
    Speaker,
)
from .analysis import Analysis, Document, analyse
from .text import grams, pairs, search_text


def index_article(article: Article, sections=None, analysis: Analysis | None = None) -> None:
    """Replace the write-up's entries (its passages and spoken quotes); drafts get none.
    `analysis` is the importer's, made from the same values while parsing; without it, the
    stored sections are analysed here."""
    SearchEntry.objects.filter(article=article).delete()
    SearchDocument.objects.filter(article=article).delete()
    if article.draft:
        return
    if sections is None:
        sections = list(article.sections.all())
    quotes = Quote.objects.filter(article=article, kind=Quote.Kind.QUOTE)
    # Tuples, not instances: a transcript has hundreds of quotes.
    quotes = list(quotes.values_list("pk", "text", "section_id", "speaker_id", "speaker__name"))
    if analysis is None:
        headed = [(s.heading, s.body_html) for s in sections]
        analysis = analyse(article.title, article.description, headed, [q[1] for q in quotes])
    episode = article.episode
    show_id = episode.show_id if episode else None
    url = article.get_absolute_url()
    rows = []

    def add(kind, title, link, text, tokens, section_id=None, quote_id=None, speaker_id=None):
        rows.append((kind, article.pk, section_id, quote_id, speaker_id, show_id,
                     title[:500], link, text, tokens, article.language,
                     article.published, article.published.year))  # fmt: skip

    for passage in analysis.passages:
        if passage.section is None:
            add(SearchEntry.Kind.ARTICLE, article.title, url, passage.text, passage.tokens)
            continue
        section = sections[passage.section]
        title = f"{article.title} · {section.heading}" if section.heading else article.title
        add(SearchEntry.Kind.SECTION, title, f"{url}#{section.anchor}", passage.text,
            passage.tokens, section.pk)  # fmt: skip
    anchors = {s.pk: s.anchor for s in sections}
    for pk, text, section_id, speaker_id, speaker_name in quotes:
        anchor = anchors.get(section_id)
        link = f"{url}#{anchor}" if anchor else url
        add(SearchEntry.Kind.QUOTE, speaker_name or article.title, link, text,
            analysis.quote_tokens[text], section_id, pk, speaker_id)  # fmt: skip
    insert_rows(SearchEntry, ENTRY_COLUMNS, rows)
    appeared = Appearance.objects.filter(episode=episode).values_list("speaker_id", flat=True)
    people = {*(appeared if episode else ()), *(q[3] for q in quotes if q[3])}
    tags = article.tags.order_by("pk").values_list("pk", flat=True)
    _document(analysis.document,
              kind=SearchDocument.Kind.ARTICLE, article=article, published=article.published,
              show_id=show_id, language=article.language, year=article.published.year,
              people=_ids(people), tags=_ids(tags))  # fmt: skip


def _document(document: Document, **columns) -> None:
    """Its SearchDocument (deleting it deletes its SearchWords) and more words' rows."""
    first, *more = document.word_pieces
    row = SearchDocument.objects.create(impacts=document.impacts, words=first, **columns)
    SearchWords.objects.bulk_create(SearchWords(document=row, words=words) for words in more)


def _ids(ids) -> str:
    return " ".join(map(str, sorted(ids)))


ENTRY_COLUMNS = ("kind", "article", "section", "quote", "speaker", "show", "title", "url", "text",
                 "search_text", "language", "published", "year")  # fmt: skip


def index_speaker(speaker: Speaker) -> None:
    SearchEntry.objects.filter(kind=SearchEntry.Kind.SPEAKER, speaker=speaker).delete()
    SearchDocument.objects.filter(speaker=speaker).delete()
    names = [speaker.name, *speaker.aliases]
    text = "\n".join(filter(None, [speaker.name, "、".join(speaker.aliases), speaker.bio]))
    SearchEntry.objects.create(
        kind=SearchEntry.Kind.SPEAKER, speaker=speaker, title=speaker.name,
        url=speaker.get_absolute_url(), text=text, search_text=search_text(text),
    )  # fmt: skip
    document = Document(search_text(*names), "", search_text(speaker.bio),
                        f"{grams(*names, speaker.bio)} {pairs(text)}")  # fmt: skip
    _document(document, kind=SearchDocument.Kind.SPEAKER, speaker=speaker)


def rebuild() -> int:
    """Index everything again; returns how many entries there are."""
    SearchEntry.objects.all().delete()
    SearchDocument.objects.all().delete()
    articles = Article.objects.select_related("episode").prefetch_related("sections")
    for article in articles.iterator(chunk_size=200):
        index_article(article, list(article.sections.all()))
    for speaker in Speaker.objects.iterator():
        index_speaker(speaker)
    return SearchEntry.objects.count()


def fill_if_missing(using: str = "default") -> None:
    """Index everything once where write-ups have no search documents yet (a database
    migrated from before there were any)."""
    published = Article.objects.using(using).filter(draft=False)
    if published.exists() and not SearchDocument.objects.using(using).exists():
        rebuild()
