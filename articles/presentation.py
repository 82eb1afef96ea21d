"""Plain functions that shape content for pages: quote marks, timelines, related reading."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from taggit.models import TaggedItem

from .models import Article, Quote


def mark_quotes(html: str, quotes: list[Quote]) -> SafeString:
    """Wrap each spoken quote's first appearance in the section's HTML in a marked,
    linkable span that names its speaker. The HTML was sanitised at import; the quote
    text is escaped the way Markdown escapes it, so it is found as it was written."""
    for quote in quotes:
        if quote.kind != Quote.Kind.QUOTE:
            continue
        needle = escape(quote.text).replace("&#x27;", "'").replace("&quot;", '"')
        index = html.find(needle)
        if index < 0 or _inside_tag(html, index):
            continue
        speaker = (
            format_html(
                ' <a class="quote-speaker" href="{}">{}</a>',
                quote.speaker.get_absolute_url(),
                quote.speaker.name,
            )
            if quote.speaker
            else ""
        )
        html = (
            f'{html[:index]}<span class="quote" id="q-{quote.position}">{needle}</span>{speaker}'
            f"{html[index + len(needle) :]}"
        )
    return mark_safe(html)


def _inside_tag(html: str, index: int) -> bool:
    return html.rfind("<", 0, index) > html.rfind(">", 0, index)


def moment_url(quote: Quote, links) -> str | None:
    """A link to the moment a quote was said: `#t=` on audio, `?t=` on YouTube."""
    if quote.timestamp is None:
        return None
    for link in links:
        host = urlparse(link.url).netloc.lower()
        if "youtube.com" in host or host == "youtu.be":
            joiner = "&" if "?" in link.url else "?"
            return f"{link.url}{joiner}t={quote.timestamp}"
        if re.search(r"\.(mp3|m4a|ogg|wav|aac)(\?|$)", link.url, re.I):
            return f"{link.url.split('#')[0]}#t={quote.timestamp}"
    return None


@dataclass
class TimelinePoint:
    x: float
    day: date
    label: str
    url: str


@dataclass
class Timeline:
    width: int
    height: int
    points: list[TimelinePoint]
    ticks: list[tuple[float, int]]


def timeline(appearances, width: int = 600, height: int = 60) -> Timeline | None:
    """Positions for a small SVG of a speaker's appearances over the years."""
    dated = []
    for appearance in appearances:
        articles = list(appearance.episode.articles.all())
        day = appearance.episode.air_date or (articles[0].published.date() if articles else None)
        if day:
            url = articles[0].get_absolute_url() if articles else ""
            dated.append((day, str(appearance.episode), url))
    if not dated:
        return None
    first, last = min(d for d, _, _ in dated).year, max(d for d, _, _ in dated).year + 1
    span = (date(last, 1, 1) - date(first, 1, 1)).days
    margin = 16

    def x(day: date) -> float:
        return round(margin + (width - 2 * margin) * (day - date(first, 1, 1)).days / span, 1)

    points = [TimelinePoint(x(day), day, label, url) for day, label, url in sorted(dated)]
    ticks = [(x(date(year, 1, 1)), year) for year in range(first, last + 1)]
    return Timeline(width, height, points, ticks)


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """Published write-ups sharing tags, speakers or the show, most shared first.

    Scores come from the small link tables (tagged items, appearances), so the cost does
    not grow with the number of write-ups under a popular tag."""
    scores: Counter[int] = Counter()
    tag_ids = [t.pk for t in article.tags.all()]
    shared_tags = (
        TaggedItem.objects.filter(
            tag_id__in=tag_ids, content_type=ContentType.objects.get_for_model(Article)
        )
        .values("object_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:200]
    )
    scores.update({row["object_id"]: row["n"] for row in shared_tags})
    episode = article.episode
    if episode:
        speaker_ids = [a.speaker_id for a in episode.appearances.all()]
        people_or_show = Q(episode__appearances__speaker__in=speaker_ids)
        if episode.show_id:
            people_or_show |= Q(episode__show_id=episode.show_id)
        for pk in Article.objects.filter(people_or_show).values_list("pk", flat=True)[:200]:
            scores[pk] += 2  # the same people or show relate more than a shared tag
    scores.pop(article.pk, None)
    if not scores:
        return []
    candidates = (
        Article.objects.published()
        .filter(pk__in=list(scores))
        .only("title", "slug", "language", "published")
    )
    ranked = sorted(candidates, key=lambda a: (-scores[a.pk], -a.published.timestamp()))
    return ranked[:limit]
