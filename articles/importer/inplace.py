"""A re-import updates a write-up's sections and quotes in place: rows that are the same,
or nearly the same, keep their ids (and so their permalinks); an editor's quotes are kept
as the editor left them; what the file no longer has goes, leaving a tombstone (410)."""

from __future__ import annotations

from django.db.models import F

from ..bulk_insert import insert_rows
from ..models import Article, GoneQuote, Quote, Section
from .matching import pair_quotes, pair_sections
from .parse import ParsedArticle

# Positions and anchors are unique within a write-up: rows that stay move out of the way
# first, then take their new places.
SECTION_OFFSET = 10_000
QUOTE_OFFSET = 1_000_000
SECTION_FIELDS = ["position", "heading", "anchor", "kind", "number", "body", "body_html"]
QUOTE_FIELDS = ["section", "speaker", "text", "imported_text", "position", "kind", "status",
                "timestamp"]  # fmt: skip


def update_in_place(
    article: Article, parsed: ParsedArticle, speaker_ids: dict
) -> tuple[list[Section], set[str]]:
    """The write-up's sections in the file's order (with ids), and the texts of its spoken
    quotes now (an editor's may differ from the file's)."""
    old_quotes = list(article.quotes.order_by("position"))
    quote_pairs = pair_quotes([q.imported_text or q.text for q in old_quotes],
                              [q.text for q in parsed.quotes])  # fmt: skip
    paired_old = set(quote_pairs.values())
    gone = [q for i, q in enumerate(old_quotes) if i not in paired_old and not q.edited]
    if gone:
        Quote.objects.filter(pk__in=[q.pk for q in gone])._raw_delete(Quote.objects.db)
        GoneQuote.objects.bulk_create(
            [GoneQuote(quote_id=q.pk, article=article) for q in gone], ignore_conflicts=True
        )
    sections = _update_sections(article, parsed)
    spoken = _place_quotes(article, parsed, sections, old_quotes, quote_pairs, speaker_ids)
    return sections, spoken


def _update_sections(article: Article, parsed: ParsedArticle) -> list[Section]:
    old = list(article.sections.order_by("position"))
    pairs = pair_sections([(s.anchor, s.heading, s.body) for s in old],
                          [(s.anchor, s.heading, s.body) for s in parsed.sections])  # fmt: skip
    kept = [old[i] for i in pairs.values()]
    for n, section in enumerate(kept):
        section.position, section.anchor = SECTION_OFFSET + n, f"~moving~{section.pk}"
    Section.objects.bulk_update(kept, ["position", "anchor"], batch_size=500)
    dropped = [s.pk for i, s in enumerate(old) if i not in set(pairs.values())]
    if dropped:  # (foreign keys are checked at commit: the quotes move off them below)
        Section.objects.filter(pk__in=dropped)._raw_delete(Section.objects.db)
    sections, new = [], []
    for position, s in enumerate(parsed.sections):
        section = old[pairs[position]] if position in pairs else Section(article=article)
        values = (position, s.heading, s.anchor, s.kind, s.number, s.body, s.body_html)
        for name, value in zip(SECTION_FIELDS, values, strict=True):
            setattr(section, name, value)
        sections.append(section)
        if section.pk is None:
            new.append(section)
    Section.objects.bulk_update([s for s in sections if s.pk], SECTION_FIELDS, batch_size=500)
    Section.objects.bulk_create(new)
    return sections


def _place_quotes(article, parsed, sections, old_quotes, pairs, speaker_ids) -> set[str]:
    by_old = {i: j for j, i in pairs.items()}
    order: list[tuple] = []  # (sort key, quote or parsed index)
    last = -1
    for i, quote in enumerate(old_quotes):
        if i in by_old:
            last = by_old[i]
            continue
        if quote.pk is not None and quote.edited:  # kept after the quote it followed
            order.append(((last, 1, quote.position), quote))
    order += [((j, 0, 0), j) for j in range(len(parsed.quotes))]
    order.sort(key=lambda item: item[0])

    Quote.objects.filter(article=article).update(position=F("position") + QUOTE_OFFSET)
    updated, rows = [], []
    live = {section.pk for section in sections}
    for position, (_, item) in enumerate(order):
        if isinstance(item, Quote):
            item.position = position
            if item.section_id not in live:  # the file no longer has its section
                item.section_id = None
            updated.append(item)
            continue
        q = parsed.quotes[item]
        section = sections[q.section]
        speaker_id = speaker_ids.get(q.speaker)
        status = Quote.Status.AUTO
        if q.text in parsed.attributions:  # an export carries the editor's word
            name, status = parsed.attributions[q.text]
            speaker_id = speaker_ids.get(name)
        if item in pairs:
            quote = old_quotes[pairs[item]]
            quote.position, quote.section_id, quote.imported_text = position, section.pk, q.text
            if not quote.edited:
                if quote.status == Quote.Status.AUTO or q.text in parsed.attributions:
                    quote.speaker_id, quote.status = speaker_id, status
                quote.text, quote.kind, quote.timestamp = q.text, q.kind, q.timestamp
            updated.append(quote)
        else:
            rows.append((article.pk, section.pk, speaker_id, q.text, q.text, position, q.kind,
                         status, q.timestamp, False))  # fmt: skip
    Quote.objects.bulk_update(updated, QUOTE_FIELDS, batch_size=500)
    insert_rows(Quote, QUOTE_COLUMNS, rows)
    spoken = {q.text for q in updated if q.kind == Quote.Kind.QUOTE}
    return spoken | {row[3] for row in rows if row[6] == Quote.Kind.QUOTE}


QUOTE_COLUMNS = ("article", "section", "speaker", "text", "imported_text", "position", "kind",
                 "status", "timestamp", "edited")  # fmt: skip
