"""Writing write-ups back out as front-matter Markdown, editors' corrections included, so
that importing the folder into an empty database gives the same knowledge base."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db.models import Prefetch

from .export_names import export_file_name
from .importer.parse import FIELDS, LINK_FIELDS
from .models import Appearance, Article, Episode, Quote

# Keys the export writes itself; any spelling of them in the original front matter goes.
OWN_KEYS = {alias for aliases in FIELDS.values() for alias in aliases} | set(LINK_FIELDS) | {
    "title", "slug", "draft", "quotes", "episode_title", "episodetitle",
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
    if article.updated:
        data["updated"] = article.updated.isoformat()
    if article.description:
        data["description"] = article.description
    data["tags"] = sorted(t.name for t in article.tags.all())
    data["categories"] = sorted(c.name for c in article.categories.all())
    if episode := article.episode:
        if episode.show:
            data["podcast"] = episode.show.name
        if episode.number:
            data["episode"] = episode.number
        if episode.title:
            data["episode_title"] = episode.title
        if episode.air_date:
            data["episodeDate"] = episode.air_date.isoformat()
        if episode.duration:
            data["duration"] = int(episode.duration.total_seconds())
        for role, key in ((Appearance.Role.HOST, "hosts"), (Appearance.Role.GUEST, "guests")):
            people = [a for a in episode.appearances.all() if a.role == role]
            if people:
                data[key] = [{"name": a.speaker.name, "role": a.title} for a in people]
        links = [{"label": link.label, "url": link.url} for link in episode.links.all()]
        if links:
            data["links"] = links
    quotes = [
        {"text": q.text, "speaker": q.speaker.name if q.speaker else "", "status": q.status}
        for q in article.quotes.all()
        if q.kind == Quote.Kind.QUOTE and (q.speaker_id or q.status != Quote.Status.AUTO)
    ]
    if quotes:
        data["quotes"] = quotes
    return data


def render_writeup(article: Article) -> str:
    front = yaml.safe_dump(
        article_front_matter(article), allow_unicode=True, sort_keys=False, width=1000
    )
    return f"---\n{front}---\n{article.body}"  # the body exactly as it was


def export_writeups(folder: Path) -> int:
    """Write every write-up (drafts too) as `<slug>.md`; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = Article.objects.prefetch_related(
        "tags",
        "categories",
        Prefetch("episode", Episode.objects.with_people()),
        Prefetch("quotes", Quote.objects.select_related("speaker")),
    )
    count = 0
    for article in articles.iterator(chunk_size=100):
        (folder / export_file_name(article.slug)).write_text(render_writeup(article), "utf-8")
        count += 1
    return count
