"""What an editor can change about a write-up, part by part, as short hashes: the importer
records them after writing, and a later import compares, so a conflict names each part an
editor changed since (a field, a section, the episode's show, who appeared, the links)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from ..models import Appearance, Article, ListenLink

OWN_FIELDS = ("title", "published", "updated", "description", "language", "draft", "body")
EPISODE_FIELDS = ("show_id", "title", "number", "air_date", "duration")


def _hash(value) -> str:
    def plain(v):
        return v.astimezone(UTC).isoformat() if isinstance(v, datetime) else str(v)

    text = json.dumps(value, default=plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def digests(article: Article, *, tags=None, categories=None, sections=None) -> dict[str, str]:
    """Part name -> hash, read from the rows unless given (the importer has them, sections
    as (position, section) pairs)."""
    parts = {name: _hash(getattr(article, name)) for name in OWN_FIELDS}
    parts["tags"] = _hash(sorted(tags if tags is not None else
                                 (t.name for t in article.tags.all())))  # fmt: skip
    parts["categories"] = _hash(sorted(categories if categories is not None else
                                       (c.name for c in article.categories.all())))  # fmt: skip
    if sections is None:
        sections = [(s.position, s) for s in article.sections.all()]
    parts.update(section_digests(sections))
    if episode := article.episode:
        for name in EPISODE_FIELDS:
            parts[f"episode {name.removesuffix('_id')}"] = _hash(getattr(episode, name))
        people = Appearance.objects.filter(episode=episode)
        parts["appearances"] = _hash(sorted(people.values_list("speaker_id", "role", "title")))
        links = ListenLink.objects.filter(episode=episode)
        parts["listen links"] = _hash(sorted(links.values_list("label", "url")))
    return parts


def section_digests(sections) -> dict[str, str]:
    """(position, section) pairs -> their parts."""
    return {f"section {s.anchor}": _hash([position, s.heading, s.kind, s.number, s.body])
            for position, s in sections}  # fmt: skip


def sections_edited(article: Article) -> bool:
    """Whether the sections differ from the last import (True when it is not known)."""
    recorded = {k: v for k, v in article.import_digests.items() if k.startswith("section ")}
    now = section_digests((s.position, s) for s in article.sections.all())
    return not recorded or recorded != now


def edited_parts(article: Article) -> list[str]:
    """The parts whose values differ from what the last import wrote."""
    recorded = article.import_digests
    if not recorded:
        return []
    now = digests(article)
    return sorted(
        part for part in recorded.keys() | now.keys() if recorded.get(part) != now.get(part)
    )


def accept(articles, part: str) -> None:
    """Record a part's current state as the import baseline: for editors' changes that an
    import would make the same way (a merge of speakers that the file's names now resolve
    to), which must not read as conflicts."""
    for article in articles:
        if article.import_digests:
            article.import_digests[part] = digests(article)[part]
            # Not a change of content: nothing derived goes stale, no revision moves.
            Article.objects.filter(pk=article.pk).update(import_digests=article.import_digests)
