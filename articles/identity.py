"""Links never break: a removed quote's permalink says it is gone (410) and where its
write-up is; a speaker's old slug redirects after a rename or a merge."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import content_changes
from .importer import editable
from .models import Appearance, Article, FormerSpeakerSlug, GoneQuote, Quote, Speaker


def bury_quotes(quotes: Iterable[Quote]) -> None:
    """Remember quotes about to be deleted, so their permalinks answer 410 Gone."""
    GoneQuote.objects.bulk_create(
        [GoneQuote(quote_id=q.pk, article_id=q.article_id) for q in quotes],
        ignore_conflicts=True,
    )


def gone_quote_response(request, pk: int):
    """410 with a link to the write-up, for a quote that was removed from a published one;
    a plain 404 for an id that never was (or whose write-up is gone or a draft)."""
    gone = get_object_or_404(GoneQuote, quote_id=pk)
    article = get_object_or_404(Article.objects.published().lean(), pk=gone.article_id)
    context = {"article": article, "gone": gone}
    return TemplateResponse(request, "articles/quote_gone.html", context, status=410)


def remember_slug(speaker: Speaker, old_slug: str) -> None:
    """The slug a speaker is leaving keeps answering, with a redirect."""
    if old_slug and old_slug != speaker.slug:
        FormerSpeakerSlug.objects.update_or_create(slug=old_slug, defaults={"speaker": speaker})
    FormerSpeakerSlug.objects.filter(slug=speaker.slug).delete()  # the slug is live again


def moved_speaker_redirect(slug: str):
    """A redirect to where a former slug's speaker lives now, or None."""
    former = FormerSpeakerSlug.objects.select_related("speaker").filter(slug=slug).first()
    if former is None:
        return None
    return HttpResponsePermanentRedirect(former.speaker.get_absolute_url())


def merge_speakers(keep: Speaker, others: Iterable[Speaker]) -> int:
    """Fold `others` into `keep` (one person written in two scripts, or with a typo): every
    quote and appearance moves over, their names become aliases, their URLs redirect.
    Returns how many speakers were merged."""
    others = [s for s in others if s.pk != keep.pk]
    if not others:
        return 0
    ids = [s.pk for s in others]
    quoted = set(Quote.objects.filter(speaker__in=ids).values_list("article_id", flat=True))
    Quote.objects.filter(speaker__in=ids).update(speaker=keep)
    episodes = list(Appearance.objects.filter(speaker__in=ids).values_list("episode_id", flat=True))
    _move_appearances(keep, ids)
    names = [n for s in others for n in (s.name, *s.aliases)]
    keep.aliases = [a for a in dict.fromkeys([*keep.aliases, *names]) if a != keep.name]
    keep.bio = keep.bio or next((s.bio for s in others if s.bio), "")
    keep.save(update_fields=["aliases", "bio"])
    FormerSpeakerSlug.objects.filter(speaker__in=ids).update(speaker=keep)
    for other in others:
        remember_slug(keep, other.slug)
    Speaker.objects.filter(pk__in=ids).delete()
    # A re-import resolves the merged names (now aliases) to `keep`: no conflict to report.
    editable.accept(Article.objects.filter(episode__in=episodes), "appearances")
    content_changes.changed(Quote, articles=quoted)  # update() sends no signals
    return len(others)


def _move_appearances(keep: Speaker, ids: list[int]) -> None:
    """One appearance per episode and role: where both appeared, keep's row stays (with
    the other's title if keep's had none)."""
    mine = {(a.episode_id, a.role): a for a in Appearance.objects.filter(speaker=keep)}
    for appearance in Appearance.objects.filter(speaker__in=ids):
        existing = mine.get((appearance.episode_id, appearance.role))
        if existing is None:
            appearance.speaker = keep
            appearance.save(update_fields=["speaker"])
            mine[(appearance.episode_id, appearance.role)] = appearance
        elif not existing.title and appearance.title:
            existing.title = appearance.title
            existing.save(update_fields=["title"])
