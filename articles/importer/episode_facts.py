"""Which write-ups may change an episode's facts (people, title, links, air date, length).

Drafts of published write-ups are common: a draft must never change what a published
page shows. So an unpublished write-up (a draft, or one dated in the future) fills in
an episode only while no published write-up shows it; and the first published write-up
to reach an episode starts its facts afresh, dropping whatever drafts put there.
"""

from __future__ import annotations

from django.utils import timezone

from ..models import Article, Episode


def is_public(parsed) -> bool:
    return not parsed.draft and parsed.published <= timezone.now()


def may_merge(episode: Episode, parsed, created: bool) -> bool:
    """Whether `parsed` may write its facts into `episode` (read before the article is
    saved, so "shown" means shown by a write-up that was published until now)."""
    if created:
        return True
    shown = Article.objects.published().filter(episode=episode).exists()
    if not is_public(parsed):
        return not shown
    if not shown:
        _forget_drafts_facts(episode)
    return True


def _forget_drafts_facts(episode: Episode) -> None:
    episode.appearances.all().delete()
    episode.links.all().delete()
    episode.air_date = episode.duration = None
    episode.save(update_fields=["air_date", "duration"])
