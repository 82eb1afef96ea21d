"""Writing one parsed write-up to the database, keeping what editors changed."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .. import content_changes
from ..bulk_insert import insert_rows
from ..models import (
    Appearance,
    Article,
    CategorizedArticle,
    Category,
    Episode,
    ListenLink,
    Quote,
    Section,
)
from . import editable, editor_records, episode_facts
from .errors import EditConflict
from .inplace import QUOTE_COLUMNS, update_in_place
from .lookups import Lookups, get_or_create_flagged
from .ownership import check_owner
from .parse import ParsedArticle

# The article's own fields, compared to tell an update from no change and to show a diff.
OWN_FIELDS = ("title", "published", "dated", "updated", "description", "language", "draft", "body")


def _comparable(value):
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def fingerprint(article: Article, tags=None, categories=None) -> str:
    """Hash of the fields an editor can change (tags and categories read if not given)."""
    values = {name: _comparable(getattr(article, name)) for name in OWN_FIELDS}
    values["tags"] = sorted(tags if tags is not None else (t.name for t in article.tags.all()))
    values["categories"] = sorted(
        categories if categories is not None else (c.name for c in article.categories.all())
    )
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()


def changed_fields(article: Article, parsed: ParsedArticle) -> list[str]:
    changes = [name for name in OWN_FIELDS if getattr(article, name) != getattr(parsed, name)]
    if sorted(t.name for t in article.tags.all()) != sorted(parsed.tags):
        changes.append("tags")
    if sorted(c.name for c in article.categories.all()) != sorted(parsed.categories):
        changes.append("categories")
    if article.source_hash != parsed.source.sha256 and not changes:
        changes.append("source")
    return changes


def _decide(article: Article | None, parsed: ParsedArticle, force: bool):
    """("created" | "updated" | "unchanged", changed fields), or EditConflict."""
    if article is None:
        return "created", []
    if article.source_hash == parsed.source.sha256:
        return "unchanged", []
    check_owner(article, parsed, force)
    _check_editor_changes(article, force)
    return "updated", changed_fields(article, parsed)


def plan(parsed: ParsedArticle, *, force: bool = False) -> tuple[str, list[str]]:
    """What storing would do, writing nothing (the --dry-run)."""
    return _decide(Article.objects.filter(slug=parsed.slug).first(), parsed, force)


def _check_editor_changes(article: Article, force: bool) -> None:
    if force:
        return
    if article.import_digests:
        parts = editable.edited_parts(article)
    else:  # last imported before parts were recorded: its own fields only
        changed = article.import_fingerprint and fingerprint(article) != article.import_fingerprint
        parts = ["the write-up's own fields"] if changed else []
    if parts:
        when = f" ({article.edited_at:%Y-%m-%d %H:%M})" if article.edited_at else ""
        raise EditConflict(
            f"an editor changed '{article.slug}' since its last import{when}: "
            f"{', '.join(parts)}; re-run with --force to overwrite their changes"
        )


def store(
    parsed: ParsedArticle, *, force: bool = False, lookups: Lookups | None = None
) -> tuple[str, list[str]]:
    """Create or update the article in one transaction; nothing stays if any step fails."""
    lookups = lookups or Lookups()
    for attempt in (1, 2):
        try:
            # Search entries, revision and page cache are brought up to date before commit.
            with transaction.atomic(), content_changes.tracking(editor=False):
                result = _store(parsed, force, lookups)
        except _Raced:
            # Another import inserted this slug a moment ago: decide again against its row.
            lookups.rollback()
            if attempt == 2:
                raise EditConflict(f"'{parsed.slug}' is being imported by another run") from None
            continue
        except BaseException:
            lookups.rollback()
            raise
        lookups.commit()
        return result
    raise AssertionError("unreachable")


class _Raced(Exception):
    pass


def _store(parsed: ParsedArticle, force: bool, lookups: Lookups):
    article = Article.objects.select_for_update().filter(slug=parsed.slug).first()
    status, changes = _decide(article, parsed, force)
    if status == "unchanged":
        return status, changes
    created = article is None
    article = article or Article(slug=parsed.slug)
    tags = lookups.labels(Tag, parsed.tags)
    categories = lookups.labels(Category, parsed.categories)
    _fill_article(article, parsed)
    content_changes.revise_before_save(article)
    article.episode = _episode(parsed, lookups)
    article.import_fingerprint = fingerprint(
        article, [t.name for t in tags], [c.name for c in categories]
    )
    article.import_digests = editable.digests(
        article, tags=[t.name for t in tags], categories=[c.name for c in categories],
        sections=list(enumerate(parsed.sections)),
    )  # fmt: skip
    if created:
        _insert_article(article)
    else:
        article.save()
    _set_labels(article, tags, categories, created)
    speaker_ids = _speaker_ids(parsed, lookups)
    analysis = parsed.search
    if created:
        sections = _insert_sections_and_quotes(article, parsed, speaker_ids)
    else:  # ids, and so permalinks, survive
        sections, spoken = update_in_place(article, parsed, speaker_ids)
        if analysis and not spoken <= analysis.quote_tokens.keys():
            analysis = None  # an editor's wording: the index analyses the stored quotes
    if editor_records.apply(article, parsed, lookups):
        analysis = None  # an export's edited quote texts: the index reads the stored ones
    # In this transaction: never behind. The revision moved on in the article's save, so
    # an editor's form opened before this import will not save over it.
    content_changes.indexed(article, sections, analysis)
    return status, changes


def _fill_article(article: Article, parsed: ParsedArticle) -> None:
    for name in OWN_FIELDS:
        setattr(article, name, getattr(parsed, name))
    article.source = parsed.source_text
    article.front_matter = parsed.front_matter
    article.source_path = parsed.source.name[:1000]
    article.source_hash = parsed.source.sha256
    article.imported_at = timezone.now()


def _insert_article(article: Article) -> None:
    try:
        with transaction.atomic():
            article.save(force_insert=True)
    except IntegrityError:
        raise _Raced from None


def _set_labels(article: Article, tags: list, categories: list, created: bool) -> None:
    """Tags and categories in two inserts (taggit's set() costs a dozen queries)."""
    article_type = ContentType.objects.get_for_model(Article)
    tagged = TaggedItem.objects.filter(content_type=article_type, object_id=article.pk)
    if not created:
        tagged.delete()
        CategorizedArticle.objects.filter(content_object=article).delete()
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=article_type, object_id=article.pk, tag=tag) for tag in tags
    )
    CategorizedArticle.objects.bulk_create(
        CategorizedArticle(content_object=article, tag=category) for category in categories
    )


def _episode(parsed: ParsedArticle, lookups: Lookups) -> Episode | None:
    if not parsed.has_episode:
        return None
    show = lookups.show(parsed.show) if parsed.show else None
    if show and parsed.number:
        key = f"{show.slug}/{parsed.number}"
    else:
        key = f"{show.slug if show else 'article'}/{parsed.slug}"
    facts = {
        "title": parsed.episode_title or parsed.title[:300],
        "number": parsed.number,
        "air_date": parsed.air_date,
        "duration": parsed.duration,
    }
    facts = {k: v for k, v in facts.items() if v}
    episode, created = get_or_create_flagged(Episode, {"key": key[:300]}, {"show": show, **facts})
    if not episode_facts.may_merge(episode, parsed, created):
        return episode  # a draft of a published episode: the article links, changes nothing
    # Only fill what the file says; a blank in the file never erases an editor's value.
    updates = [name for name, value in facts.items() if getattr(episode, name) != value]
    if updates:
        for name in updates:
            setattr(episode, name, facts[name])
        episode.save(update_fields=updates)
    appearances = [
        Appearance(
            episode=episode, speaker=speaker, role=role, title=person.title[:200], position=position
        )
        for role, persons in (("host", parsed.hosts), ("guest", parsed.guests))
        for position, person in enumerate(persons)
        if (speaker := lookups.speaker(person.name, parsed.aliases.get(person.name, [])))
    ]
    # Existing rows (perhaps with an editor's title) are left as they are.
    Appearance.objects.bulk_create(appearances, ignore_conflicts=True)
    ListenLink.objects.bulk_create(
        (
            ListenLink(episode=episode, label=label, url=url, position=position)
            for position, (label, url) in enumerate(parsed.links)
        ),
        ignore_conflicts=True,
    )
    return episode


def _speaker_ids(parsed: ParsedArticle, lookups: Lookups) -> dict[str, int | None]:
    speaker_ids = {}
    named = [q.speaker for q in parsed.quotes] + [n for n, _ in parsed.attributions.values()]
    for name in dict.fromkeys(n for n in named if n):
        speaker = lookups.speaker(name, parsed.aliases.get(name, []))
        speaker_ids[name] = speaker.pk if speaker else None
    return speaker_ids


def _insert_sections_and_quotes(
    article: Article, parsed: ParsedArticle, speaker_ids: dict
) -> list[Section]:
    sections = Section.objects.bulk_create(
        Section(
            article=article,
            position=position,
            heading=s.heading,
            anchor=s.anchor,
            kind=s.kind,
            number=s.number,
            body=s.body,
            body_html=s.body_html,
        )
        for position, s in enumerate(parsed.sections)
    )
    rows = []
    for position, q in enumerate(parsed.quotes):
        speaker_id, status = speaker_ids.get(q.speaker), Quote.Status.AUTO
        if q.text in parsed.attributions:  # an export carries the editor's word
            name, status = parsed.attributions[q.text]
            speaker_id = speaker_ids.get(name)
        rows.append(
            (article.pk, sections[q.section].pk, speaker_id, q.text, q.text, position, q.kind,
             status, q.timestamp, False)
        )  # fmt: skip
    insert_rows(Quote, QUOTE_COLUMNS, rows)
    return sections
