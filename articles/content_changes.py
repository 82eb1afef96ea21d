"""Everything derived from content, kept current in one place: the search entries, each
write-up's `revision` and `edited_at`, and the page-cache version.

Every write path changes content inside `tracking()`: the admin's views (saves, deletes,
bulk actions, list edits: see articles/admin.py), and the importer (whose bulk inserts
bypass signals, so it reports what it indexed itself). Saves and deletes arrive here as
signals and are only *recorded*; the block's end brings everything they made stale up to
date at once, in the same transaction (an inline with 500 quotes reindexes its write-up
once, not 500 times). A change made outside any block (a shell, a script) is brought up
to date at once.

What each change makes stale is the table STALENESS below; the rest of this module only
executes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .cache import bump_after_commit
from .importer.render import Renderer
from .models import (
    Appearance,
    Article,
    CategorizedArticle,
    Category,
    Episode,
    ListenLink,
    Quote,
    Section,
    Show,
    Speaker,
)
from .search.index import index_article, index_speaker


@dataclass(frozen=True)
class Rule:
    """What a saved or deleted row makes stale, beyond the page cache (always)."""

    # Write-ups whose search entries must be made again.
    articles: Callable[[object], Iterable[int]] = lambda obj: ()
    # Speakers whose own search entry must be made again.
    speakers: Callable[[object], Iterable[int]] = lambda obj: ()
    # Write-ups whose revision moves on (and edited_at, for an editor): rows shown and
    # saved on the write-up's own change page, so a form opened before will not save over.
    revises: Callable[[object], Iterable[int]] = lambda obj: ()


def _own_article(obj) -> list[int]:
    return [obj.article_id]


def _episode_articles(episode: Episode) -> Iterable[int]:
    # The entries carry the episode's show (the show filter and facet read it).
    return Article.objects.filter(episode=episode).values_list("pk", flat=True)


def _quoting_articles(speaker: Speaker) -> Iterable[int]:
    # A quote's entry is titled with its speaker's name.
    return Quote.objects.filter(speaker=speaker).values_list("article_id", flat=True).distinct()


STALENESS: dict[type, Rule] = {
    Article: Rule(articles=lambda a: [a.pk], revises=lambda a: [a.pk]),
    Section: Rule(articles=_own_article, revises=_own_article),
    Quote: Rule(articles=_own_article, revises=_own_article),
    # Its own entry always; its quotes' entries when its name changed (see _speaker_renamed)
    # or it is deleted (the entries of its quotes go with it: see _deleting).
    Speaker: Rule(speakers=lambda s: [s.pk]),
    Episode: Rule(articles=_episode_articles),
    # Entries hold only the show's id and join its name, as do tags and categories; the
    # listen links are not in the index at all: pages only.
    Show: Rule(),
    # A write-up's search document lists who appeared and its tags (the facets).
    Appearance: Rule(articles=lambda a: _episode_articles(a.episode)),
    ListenLink: Rule(),
    Tag: Rule(),
    TaggedItem: Rule(articles=lambda t: [t.object_id] if t.content_type.model == "article" else []),
    Category: Rule(),
    CategorizedArticle: Rule(),
}


@dataclass
class Changes:
    editor: bool
    articles: set[int] = field(default_factory=set)
    speakers: set[int] = field(default_factory=set)
    revised: set[int] = field(default_factory=set)
    indexed: set[int] = field(default_factory=set)  # already made by the caller
    saved_revised: list[Article] = field(default_factory=list)  # moved on in their save
    any: bool = False

    def record(self, model: type, obj=None, *, articles=(), speakers=(), revises=()) -> None:
        if model not in STALENESS:
            return
        self.any = True
        if obj is not None:
            articles, speakers, revises = _stale(model, obj)
        self.articles.update(articles)
        self.speakers.update(speakers)
        self.revised.update(revises)


_local = threading.local()


def _stack() -> list[Changes]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


@contextmanager
def tracking(*, editor: bool):
    """Record the changes made inside; bring what they made stale up to date at the end
    (in the caller's transaction). Nothing is done if the block raises."""
    changes = Changes(editor=editor)
    _stack().append(changes)
    try:
        yield changes
    finally:
        _stack().pop()
    _bring_up_to_date(changes)


@contextmanager
def editing():
    """An editor's request: one transaction, the derived data brought up to date in it."""
    with transaction.atomic(), tracking(editor=True) as changes:
        yield changes


def changed(model: type, *, articles=(), speakers=()) -> None:
    """For writes that send no signals (a queryset's update()): say what they touched."""
    revises = articles if model in (Article, Section, Quote) else ()
    _record(model, None, articles=list(articles), speakers=list(speakers), revises=revises)


def revise_before_save(article: Article) -> None:
    """The importer saves the write-up anyway: its revision moves on in that save rather
    than in an UPDATE of its own."""
    article.revision += 1
    if _stack():
        _stack()[-1].saved_revised.append(article)  # perhaps with no id yet


def indexed(article: Article, sections, analysis) -> None:
    """The importer indexes a write-up with the analysis it made while parsing."""
    index_article(article, sections, analysis)
    if _stack():
        _stack()[-1].indexed.add(article.pk)


def _stale(model: type, obj) -> tuple[list[int], list[int], list[int]]:
    rule = STALENESS[model]
    return list(rule.articles(obj)), list(rule.speakers(obj)), list(rule.revises(obj))


def _record(model, obj, **given) -> None:
    if _stack():
        _stack()[-1].record(model, obj, **given)
        return
    changes = Changes(editor=False)
    changes.record(model, obj, **given)
    _bring_up_to_date(changes)


def _going() -> set[int]:
    """Write-ups being deleted right now: their quotes' and sections' deletes (which come
    first) must not make their entries again."""
    if not hasattr(_local, "going"):
        _local.going = set()
    return _local.going


def _bring_up_to_date(changes: Changes) -> None:
    if not changes.any:
        return
    going = _going()
    if revised := changes.revised - going - {article.pk for article in changes.saved_revised}:
        edits = {"edited_at": timezone.now()} if changes.editor else {}
        Article.objects.filter(pk__in=revised).update(revision=F("revision") + 1, **edits)
    stale = changes.articles - changes.indexed - going
    for article in Article.objects.filter(pk__in=stale).select_related("episode"):
        index_article(article)
    for speaker in Speaker.objects.filter(pk__in=changes.speakers):
        index_speaker(speaker)
    bump_after_commit()  # once per transaction, when the change is visible to others


# Signals ------------------------------------------------------------------------------


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if created and sender is Episode:  # no write-up is in a new episode yet
        _record(sender, None)
    else:
        _record(sender, instance)


def _deleting(sender, instance, **kwargs):
    # Read before the row goes: its episode's write-ups, its speaker's quotes.
    articles, speakers, revises = _stale(sender, instance)
    if sender is Speaker:  # the entries of its quotes go with it
        articles += _quoting_articles(instance)
    instance._kb_stale = {"articles": articles, "speakers": speakers, "revises": revises}
    if sender is Article:
        _going().add(instance.pk)


def _deleted(sender, instance, **kwargs):
    if sender is Article:
        _going().discard(instance.pk)
    _record(sender, None, **getattr(instance, "_kb_stale", {}))


def _speaker_renamed(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = Speaker.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if old is not None and old != instance.name:
        _record(Speaker, None, articles=list(_quoting_articles(instance)))


def _section_rendering(sender, instance, raw=False, **kwargs):
    # The page shows, and the index reads, the rendered body: an edited body is rendered
    # (and sanitised) again. The importer renders while parsing and inserts in bulk.
    if not raw:
        instance.body_html = Renderer()(instance.body)


def _m2m(sender, **kwargs):
    _record(Tag, None)


def connect() -> None:
    for model in STALENESS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"kb-save-{model.__name__}")
        pre_delete.connect(_deleting, sender=model, dispatch_uid=f"kb-deleting-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"kb-del-{model.__name__}")
    pre_save.connect(_section_rendering, sender=Section, dispatch_uid="kb-section-render")
    pre_save.connect(_speaker_renamed, sender=Speaker, dispatch_uid="kb-speaker-rename")
    m2m_changed.connect(_m2m, dispatch_uid="kb-m2m")
