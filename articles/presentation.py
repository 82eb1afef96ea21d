"""Plain functions that shape content for pages: quote marks, timelines, related reading."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import groupby
from urllib.parse import urlparse

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from taggit.models import TaggedItem

from .models import Article, Quote

# What may stand between a quote's last word and its closing mark (「…。」), and the marks.
_CLOSING = re.compile(r"[。，、！？；：.,!?;:…]*[」』”’\"']")
_OPENING = "「『“‘\"'"


def mark_quotes(html: str, quotes: list[Quote]) -> SafeString:
    """Mark each spoken quote's first appearance in the section's HTML as a quotation
    (`<q>`, linkable) and credit its speaker after the closing bracket, never inside the
    quoted words. The HTML was sanitised at import; the quote text is escaped the way
    Markdown escapes it, so it is found as it was written."""
    for quote in quotes:
        if quote.kind != Quote.Kind.QUOTE:
            continue
        needle = escape(quote.text).replace("&#x27;", "'").replace("&quot;", '"')
        index = html.find(needle)
        if index < 0 or _inside_tag(html, index):
            continue
        end = index + len(needle)
        closing = _CLOSING.match(html, end)
        bracketed = closing and index > 0 and html[index - 1] in _OPENING
        after = closing.end() if bracketed else end
        credit = (
            format_html(
                '<a class="quote-credit" href="{}">{}</a>',
                quote.speaker.get_absolute_url(),
                quote.speaker.name,
            )
            if quote.speaker
            else ""
        )
        html = (
            f'{html[:index]}<q class="quote" id="q-{quote.position}">{needle}</q>'
            f"{html[end:after]}{credit}{html[after:]}"
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


def with_moments(quotes):
    """Give each quote its `moment` link (or None); their episodes' links are prefetched.
    Quotes of one write-up share one instance of it, so its URL is worked out once."""
    articles = {}
    for quote in quotes:
        quote.article = articles.setdefault(quote.article_id, quote.article)
        episode = quote.article.episode
        quote.moment = moment_url(quote, episode.links.all() if episode else [])
    return quotes


def by_year(appearances) -> list[tuple[int | None, list]]:
    """A speaker's appearances as a readable timeline: newest year first, each year's
    episodes newest first. An episode without an air date takes its write-up's date;
    with neither it comes last, under no year."""
    dated = []
    for appearance in appearances:
        articles = appearance.episode.articles.all()
        day = appearance.episode.air_date or (articles[0].published.date() if articles else None)
        appearance.day = day
        dated.append(appearance)
    dated.sort(key=lambda a: a.day or date.min, reverse=True)
    return [
        (year, list(group)) for year, group in groupby(dated, key=lambda a: a.day and a.day.year)
    ]


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
