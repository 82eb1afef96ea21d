"""What an export carries beyond the Markdown (articles/exporter.py), applied on import:
the editors' quote texts and added quotes, speakers' bios and aliases, the show's website.
Only fills what the database does not have, so a re-import never overrides an editor."""

from __future__ import annotations

from ..bulk_insert import insert_rows
from ..models import Article, Quote, Section
from .inplace import QUOTE_COLUMNS
from .lookups import Lookups
from .parse import ParsedArticle
from .values import as_text

QUOTES_KEY, PROFILES_KEY, WEBSITE_KEY = "quotes", "speaker_profiles", "show_website"


def apply(article: Article, parsed: ParsedArticle, lookups: Lookups) -> bool:
    """Returns whether quote texts now differ from the file's (the index must read them)."""
    fm = parsed.front_matter
    _profiles(fm.get(PROFILES_KEY), lookups)
    if (website := as_text(fm.get(WEBSITE_KEY))) and article.episode and article.episode.show:
        show = article.episode.show
        if not show.website and len(website) <= 500:
            show.website = website
            show.save(update_fields=["website"])
    records = fm.get(QUOTES_KEY) if isinstance(fm.get(QUOTES_KEY), list) else []
    records = [r for r in records if isinstance(r, dict) and (r.get("edited") or r.get("added"))]
    return _quotes(article, records, lookups) if records else False


def _profiles(value, lookups: Lookups) -> None:
    for name, profile in (value or {}).items() if isinstance(value, dict) else ():
        if not isinstance(profile, dict):
            continue
        aliases = [as_text(a) for a in profile.get("aliases") or [] if as_text(a)]
        speaker = lookups.speaker(as_text(name), aliases)
        bio = as_text(profile.get("bio"))
        if speaker and bio and not speaker.bio:
            speaker.bio = bio
            speaker.save(update_fields=["bio"])


def _quotes(article: Article, records: list[dict], lookups: Lookups) -> bool:
    changed = False
    quotes = {q.imported_text: q for q in article.quotes.filter(edited=False)}
    present = set(article.quotes.values_list("text", flat=True))
    sections = {s.anchor: s.pk for s in Section.objects.filter(article=article)}
    added, position = [], article.quotes.count()
    for record in records:
        text = as_text(record.get("text"))
        speaker = lookups.speaker(name, []) if (name := as_text(record.get("speaker"))) else None
        values = {
            "text": as_text(record.get("edited_text")) or text,
            "kind": record.get("kind") if record.get("kind") in Quote.Kind.values else "quote",
            "status": record.get("status")
            if record.get("status") in Quote.Status.values
            else "auto",
            "speaker_id": speaker.pk if speaker else None,
        }
        if record.get("added") and text and values["text"] not in present:
            section = sections.get(as_text(record.get("section")))
            added.append((article.pk, section, values["speaker_id"], values["text"], "",
                          position, values["kind"], values["status"], None, True))  # fmt: skip
            position += 1
        elif record.get("edited") and (quote := quotes.get(text)):
            for name, value in values.items():
                setattr(quote, name, value)
            quote.edited = True
            quote.save(update_fields=[*values, "edited"])
            changed = True
    insert_rows(Quote, QUOTE_COLUMNS, added)
    return changed or bool(added)
