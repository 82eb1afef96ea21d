"""Links never break: a removed quote's permalink says it is gone (410) and where its
write-up is; a speaker's old slug redirects after a rename or a merge."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import Article, FormerSpeakerSlug, GoneQuote, Quote, Speaker


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
