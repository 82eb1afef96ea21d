"""What readers may see: only what a published write-up shows.

A speaker, show, tag or category that only drafts (or write-ups scheduled for later)
mention does not exist for the public: its page and feed answer 404, and it is in no
drop-down, search result or sitemap. Each function is one EXISTS subquery, so the
pages' query counts do not change.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Appearance, Article, Category, Quote, Show, Speaker


def public_speakers(speakers: QuerySet | None = None) -> QuerySet:
    """Speakers who appear in, or are quoted by, a published write-up."""
    published = Article.objects.published()
    appeared = Appearance.objects.filter(speaker=OuterRef("pk"), episode__articles__in=published)
    quoted = Quote.objects.filter(speaker=OuterRef("pk"), article__in=published)
    speakers = Speaker.objects.all() if speakers is None else speakers
    return speakers.filter(Q(Exists(appeared)) | Q(Exists(quoted)))


def quoted_speakers() -> QuerySet:
    """Speakers of spoken quotes in published write-ups (the quote list's drop-down)."""
    quotes = Quote.objects.published().spoken().filter(speaker=OuterRef("pk"))
    return Speaker.objects.filter(Exists(quotes))


def public_shows() -> QuerySet:
    return Show.objects.filter(
        Exists(Article.objects.published().filter(episode__show=OuterRef("pk")))
    )


def public_labels(model) -> QuerySet:
    """Tags (or categories) of published write-ups."""
    relation = "categories" if model is Category else "tags"
    articles = Article.objects.published().filter(**{relation: OuterRef("pk")})
    return model.objects.filter(Exists(articles))


def without_hidden_speakers(matches: list) -> list:
    """Search matches less the speaker entries of speakers no published write-up shows
    (speakers' entries carry no date, so the index alone cannot tell)."""
    ids = {m.speaker_id for m in matches if m.kind == "speaker"}
    if not ids:
        return matches
    shown = set(public_speakers(Speaker.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return [m for m in matches if m.kind != "speaker" or m.speaker_id in shown]
