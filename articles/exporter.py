"""Writing write-ups back out as front-matter Markdown, editors' corrections included, so
that importing the folder into an empty database gives the same knowledge base."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db.models import Prefetch

from .export_names import export_file_name
from .importer import editable
from .importer.editor_records import PROFILES_KEY, QUOTES_KEY, WEBSITE_KEY
from .importer.parse import FIELDS, LINK_FIELDS
from .importer.source import Source
from .models import Appearance, Article, Episode, Quote

# Keys the export writes itself; any spelling of them in the original front matter goes.
OWN_KEYS = {alias for aliases in FIELDS.values() for alias in aliases} | set(LINK_FIELDS) | {
    "title", "slug", "draft", QUOTES_KEY, "episode_title", "episodetitle", PROFILES_KEY,
    WEBSITE_KEY,
}  # fmt: skip


def _kept_from_source(article: Article) -> dict:
    """Original fields the export does not rewrite (kept so nothing is lost), and a
    transcript's `speakers` map of labels ("GN: Gary Null"), which reading the body needs."""
    kept = {k: v for k, v in article.front_matter.items() if k.lower() not in OWN_KEYS}
    speakers = {k: v for k, v in article.front_matter.items() if k.lower() == "speakers"}
    kept.update({k: v for k, v in speakers.items() if isinstance(v, dict)})
    return kept


def article_front_matter(article: Article) -> dict:
    data: dict = {
        **_kept_from_source(article),
        "title": article.title,
        "slug": article.slug,
        "date": article.published.isoformat(),
        "language": article.language,
        "draft": article.draft,
    }
    if not article.dated:  # undated stays undated: no made-up date in the file
        del data["date"]
    if article.updated:
        data["updated"] = article.updated.isoformat()
    if article.description:
        data["description"] = article.description
    data["tags"] = sorted(t.name for t in article.tags.all())
    data["categories"] = sorted(c.name for c in article.categories.all())
    if episode := article.episode:
        if episode.show:
            data["podcast"] = episode.show.name
            if episode.show.website:
                data[WEBSITE_KEY] = episode.show.website
        if episode.number:
            data["episode"] = episode.number
        if episode.title:
            data["episode_title"] = episode.title
        # Written even when unknown: an empty episodeDate tells the import not to infer one.
        data["episodeDate"] = episode.air_date.isoformat() if episode.air_date else ""
        if episode.duration:
            data["duration"] = int(episode.duration.total_seconds())
        for role, key in ((Appearance.Role.HOST, "hosts"), (Appearance.Role.GUEST, "guests")):
            people = [a for a in episode.appearances.all() if a.role == role]
            if people:
                data[key] = [{"name": a.speaker.name, "title": a.title} for a in people]
        links = [{"label": link.label, "url": link.url} for link in episode.links.all()]
        if links:
            data["links"] = links
        profiles = {
            a.speaker.name: {k: v for k, v in (("bio", a.speaker.bio),
                                               ("aliases", a.speaker.aliases)) if v}
            for a in episode.appearances.all()
        }  # fmt: skip
        if profiles := {name: p for name, p in profiles.items() if p}:
            data[PROFILES_KEY] = profiles
    if quotes := [_quote_record(q) for q in article.quotes.all() if _worth_recording(q)]:
        data[QUOTES_KEY] = quotes
    return data


def _worth_recording(q: Quote) -> bool:
    # Every spoken quote's attribution, unattributed ones too: importing the backup then
    # gives who said what as stored, whatever today's importer would infer from the text.
    return q.edited or q.kind == Quote.Kind.QUOTE


def _quote_record(q: Quote) -> dict:
    """The attribution; for an editor's quote also its text and kind as the editor left
    them (`edited_text` beside the text the file has), or the whole quote if they added it."""
    record = {"text": q.imported_text or q.text, "speaker": q.speaker.name if q.speaker else "",
              "status": q.status}  # fmt: skip
    if q.edited:
        record["edited" if q.imported_text else "added"] = True
        record["kind"] = q.kind
        if q.imported_text and q.text != q.imported_text:
            record["edited_text"] = q.text
        if not q.imported_text and q.section_id:
            record["section"] = q.section.anchor
    return record


def render_article(article: Article) -> str:
    front = yaml.safe_dump(
        article_front_matter(article), allow_unicode=True, sort_keys=False, width=1000
    )
    return f"---\n{front}---\n{body_with_edited_sections(article)}"


def body_with_edited_sections(article: Article) -> str:
    """The body as it was, but with each section an editor changed written as they left
    it: its heading line and its text replaced where the file had them."""
    from .importer.parse import parse_article

    body = article.body
    if not article.source or not editable.sections_edited(article):
        return body
    original = parse_article(Source(f"{article.slug}.md", article.source.encode())).sections
    current = list(article.sections.all())
    if len(original) != len(current):  # sections added or removed: the file's cut stays
        return body
    cursor = 0
    for before, after in zip(original, current, strict=True):
        start = body.find(before.body, cursor) if before.body else -1
        if (before.heading, before.body) != (after.heading, after.body) and start >= 0:
            head_at = body.rfind(before.heading, cursor, start) if before.heading else -1
            if head_at >= 0 and before.heading != after.heading:
                body = body[:head_at] + after.heading + body[head_at + len(before.heading) :]
                start += len(after.heading) - len(before.heading)
            body = body[:start] + after.body + body[start + len(before.body) :]
            cursor = start + len(after.body)
        elif start >= 0:
            cursor = start + len(before.body)
    return body


def export_articles(folder: Path) -> int:
    """Write every write-up (drafts too) as `<slug>.md`; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = Article.objects.prefetch_related(
        "tags",
        "categories",
        Prefetch("episode", Episode.objects.with_people()),
        "sections",
        Prefetch("quotes", Quote.objects.select_related("speaker", "section")),
    )
    count = 0
    for article in articles.iterator(chunk_size=100):
        (folder / export_file_name(article.slug)).write_text(render_article(article), "utf-8")
        count += 1
    return count
