"""Writing one parsed write-up to the database, keeping what editors changed."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Appearance, Article, Episode, ListenLink, Quote, Section, Show, Speaker
from .errors import EditConflict
from .parse import ParsedWriteup
from .values import as_slug

# The article's own fields, compared to tell an update from no change and to show a diff.
OWN_FIELDS = ("title", "published", "updated", "description", "language", "draft", "body")


def _comparable(value):
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def fingerprint(article: Article) -> str:
    """Hash of the fields an editor can change, as they stand in the database now."""
    values = {name: _comparable(getattr(article, name)) for name in OWN_FIELDS}
    values["tags"] = sorted(t.name for t in article.tags.all())
    values["categories"] = sorted(c.name for c in article.categories.all())
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()


def changed_fields(article: Article, parsed: ParsedWriteup) -> list[str]:
    changes = [name for name in OWN_FIELDS if getattr(article, name) != getattr(parsed, name)]
    if sorted(t.name for t in article.tags.all()) != sorted(parsed.tags):
        changes.append("tags")
    if sorted(c.name for c in article.categories.all()) != sorted(parsed.categories):
        changes.append("categories")
    if article.source_hash != parsed.source.sha256 and not changes:
        changes.append("source")
    return changes


def _decide(article: Article | None, parsed: ParsedWriteup, force: bool):
    """("created" | "updated" | "unchanged", changed fields), or EditConflict."""
    if article is None:
        return "created", []
    if article.source_hash == parsed.source.sha256:
        return "unchanged", []
    _check_editor_changes(article, force)
    return "updated", changed_fields(article, parsed)


def plan(parsed: ParsedWriteup, *, force: bool = False) -> tuple[str, list[str]]:
    """What storing would do, writing nothing (the --dry-run)."""
    return _decide(Article.objects.filter(slug=parsed.slug).first(), parsed, force)


def _check_editor_changes(article: Article, force: bool) -> None:
    if (
        not force
        and article.import_fingerprint
        and fingerprint(article) != article.import_fingerprint
    ):
        raise EditConflict(
            f"an editor changed '{article.slug}' since its last import"
            + (f" ({article.edited_at:%Y-%m-%d %H:%M})" if article.edited_at else "")
            + "; re-run with --force to overwrite their changes"
        )


def store(
    parsed: ParsedWriteup, *, force: bool = False, speakers: SpeakerDirectory | None = None
) -> tuple[str, list[str]]:
    """Create or update the article in one transaction; the caller rolls back on error."""
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(slug=parsed.slug).first()
        status, changes = _decide(article, parsed, force)
        if status == "unchanged":
            return status, changes
        article = article or Article(slug=parsed.slug)
        kept = _editor_attributions(article) if article.pk else {}
        _fill_article(article, parsed)
        speakers = speakers or SpeakerDirectory()
        article.episode = _episode(parsed, speakers)
        _save_article(article)
        article.tags.set(parsed.tags, clear=False)
        article.categories.set(parsed.categories, clear=False)
        _replace_sections_and_quotes(article, parsed, kept, speakers)
        article.import_fingerprint = fingerprint(article)
        Article.objects.filter(pk=article.pk).update(import_fingerprint=article.import_fingerprint)
    return status, changes


def _fill_article(article: Article, parsed: ParsedWriteup) -> None:
    for name in OWN_FIELDS:
        setattr(article, name, getattr(parsed, name))
    article.body_html = parsed.body_html
    article.source = parsed.source.data.decode("utf-8", "replace")
    article.front_matter = parsed.front_matter
    article.source_path = parsed.source.name[:1000]
    article.source_hash = parsed.source.sha256
    article.imported_at = timezone.now()


def _save_article(article: Article) -> None:
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another import created this slug a moment ago: update that row instead.
        article.pk = Article.objects.get(slug=article.slug).pk
        article.save(force_update=True)


def _get_or_create(model, lookup: dict, defaults: dict | None = None):
    """get_or_create that survives a concurrent insert of the same natural key."""
    try:
        return model.objects.get_or_create(**lookup, defaults=defaults or {})[0]
    except IntegrityError:
        return model.objects.get(**lookup)


class SpeakerDirectory:
    """Finds the one person behind a name: by slug, else by an alias (one query a run)."""

    def __init__(self):
        self._by_alias: dict[str, int] | None = None

    def _aliases(self) -> dict[str, int]:
        if self._by_alias is None:
            rows = Speaker.objects.exclude(aliases=[]).values_list("pk", "aliases")
            self._by_alias = {a.lower(): pk for pk, aliases in rows for a in aliases}
        return self._by_alias

    def get(self, name: str, aliases: list[str]) -> Speaker | None:
        slug = as_slug(name)
        if not slug:
            return None
        speaker = Speaker.objects.filter(slug=slug).first()
        if speaker is None and (pk := self._aliases().get(name.lower())):
            speaker = Speaker.objects.filter(pk=pk).first()
        if speaker is None:
            speaker = _get_or_create(Speaker, {"slug": slug}, {"name": name[:200]})
        # Abbreviations ("PM") name someone only within one transcript: not kept.
        new = [
            a for a in aliases
            if a not in speaker.aliases and a != speaker.name and not _ABBREVIATION.match(a)
        ]  # fmt: skip
        if new:
            speaker.aliases = [*speaker.aliases, *new]
            speaker.save(update_fields=["aliases"])
            self._aliases().update({a.lower(): speaker.pk for a in new})
        return speaker


_ABBREVIATION = re.compile(r"^[A-Z]{1,4}$")


def _episode(parsed: ParsedWriteup, speakers: SpeakerDirectory) -> Episode | None:
    if not parsed.has_episode:
        return None
    show = None
    if parsed.show and (slug := as_slug(parsed.show)):
        show = _get_or_create(Show, {"slug": slug}, {"name": parsed.show})
    if show and parsed.number:
        key = f"{show.slug}/{parsed.number}"
    else:
        key = f"{show.slug if show else 'article'}/{parsed.slug}"
    episode = _get_or_create(Episode, {"key": key[:300]}, {"show": show})
    updates = {
        "title": parsed.episode_title or parsed.title[:300],
        "number": parsed.number,
        "air_date": parsed.air_date,
        "duration": parsed.duration,
    }
    # Only fill what the file says; a blank in the file never erases an editor's value.
    updates = {k: v for k, v in updates.items() if v and getattr(episode, k) != v}
    if updates:
        for name, value in updates.items():
            setattr(episode, name, value)
        episode.save(update_fields=list(updates))
    for role, persons in (
        (Appearance.Role.HOST, parsed.hosts),
        (Appearance.Role.GUEST, parsed.guests),
    ):
        for position, person in enumerate(persons):
            speaker = speakers.get(person.name, parsed.aliases.get(person.name, []))
            if speaker:
                _get_or_create(
                    Appearance,
                    {"episode": episode, "speaker": speaker, "role": role},
                    {"title": person.title[:200], "position": position},
                )
    for position, (label, url) in enumerate(parsed.links):
        _get_or_create(
            ListenLink, {"episode": episode, "url": url}, {"label": label, "position": position}
        )
    return episode


def _editor_attributions(article: Article) -> dict[str, tuple[int | None, str]]:
    """Quote text -> (speaker, status) for every quote an editor confirmed or disputed."""
    return {
        text: (speaker_id, status)
        for text, speaker_id, status in article.quotes.exclude(
            status=Quote.Status.AUTO
        ).values_list("text", "speaker_id", "status")
    }


def _replace_sections_and_quotes(
    article: Article, parsed: ParsedWriteup, kept: dict, directory: SpeakerDirectory
) -> None:
    article.quotes.all().delete()
    article.sections.all().delete()
    sections = Section.objects.bulk_create(
        Section(
            article=article,
            position=position,
            heading=s.heading[:500],
            anchor=s.anchor[:200],
            kind=s.kind,
            number=s.number,
            body=s.body,
            body_html=s.body_html,
        )
        for position, s in enumerate(parsed.sections)
    )
    speakers = {}
    for name in {q.speaker for q in parsed.quotes if q.speaker}:
        speakers[name] = directory.get(name, parsed.aliases.get(name, []))
    quotes = []
    for position, q in enumerate(parsed.quotes):
        speaker = speakers.get(q.speaker)
        speaker_id, status = kept.get(q.text, (speaker.pk if speaker else None, Quote.Status.AUTO))
        quotes.append(
            Quote(
                article=article,
                section=sections[q.section],
                speaker_id=speaker_id,
                text=q.text,
                position=position,
                kind=q.kind,
                status=status,
                timestamp=q.timestamp,
            )
        )
    Quote.objects.bulk_create(quotes, batch_size=500)
