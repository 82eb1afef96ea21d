"""Who said what: speakers, shows and quotes."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.views.generic import DetailView

from .. import identity
from ..cache import CachedPageMixin
from ..models import Appearance, Article, Episode, Quote, Speaker
from ..presentation import by_year, with_moments
from ..visibility import public_shows, public_speakers, quoted_speakers
from .pagination import ForgivingListView

# A speaker's latest quotes, as many as a page of the quote list that "All N quotes"
# leads to: each is a card now (words, moment, permalink, copy), twice the cost of a line.
QUOTE_PAGE = 30
QUOTES_SHOWN = QUOTE_PAGE
SHOW_LATEST = 20


class SpeakerDetailView(CachedPageMixin, DetailView):
    template_name = "articles/speaker_detail.html"
    context_object_name = "speaker"

    def get_queryset(self):
        return public_speakers()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:  # renamed or merged: the old URL still leads there
            if moved := identity.moved_speaker_redirect(kwargs["slug"]):
                return moved
            raise

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        appearances = list(
            Appearance.objects.filter(speaker=self.object, episode__articles__in=published)
            .distinct()
            .select_related("episode__show")
            .prefetch_related(
                Prefetch("episode__articles", published.lean().order_by("published")),
                "episode__links",
            )
            .order_by("-episode__air_date")
        )
        spoken = Quote.objects.filter(speaker=self.object, article__in=published).spoken()
        # The latest only: a regular guest of a transcribed show has thousands, and the
        # quote list pages through them all.
        # Not select_related("speaker"): every quote is this speaker's, and a copy of the
        # speaker built for each of 50 rows was a fifth of the page's time.
        quotes = list(
            spoken.select_related("article__episode", "section")
            .defer("article__source", "article__body", "article__front_matter")
            .defer("section__body", "section__body_html")
            .prefetch_related("article__episode__links")
            .order_by("-article__published", "position")[: QUOTES_SHOWN + 1]
        )
        more = len(quotes) > QUOTES_SHOWN
        quotes = quotes[:QUOTES_SHOWN]
        for quote in quotes:
            quote.speaker = self.object
        groups: dict[int, dict] = {}
        for quote in with_moments(quotes):
            group = groups.setdefault(quote.article_id, {"article": quote.article, "quotes": []})
            group["quotes"].append(quote)
        return super().get_context_data(
            appearances=appearances,
            years=by_year(appearances),
            quote_groups=list(groups.values()),
            quotes_shown=len(quotes),
            quote_count=spoken.count() if more else len(quotes),
            **kwargs,
        )


class ShowDetailView(CachedPageMixin, DetailView):
    """A show: who hosts it, how many episodes and write-ups, the latest of them."""

    template_name = "articles/show_detail.html"
    context_object_name = "show"

    def get_queryset(self):
        return public_shows()

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().filter(episode__show=self.object)
        latest = list(articles.with_listing().order_by("-published")[: SHOW_LATEST + 1])
        episodes = Episode.objects.filter(show=self.object, articles__in=articles).distinct()
        hosts = (
            Speaker.objects.filter(
                appearances__role=Appearance.Role.HOST, appearances__episode__in=episodes
            )
            .annotate(hosted=Count("appearances", distinct=True))
            .order_by("-hosted", "name")[:10]
        )
        more = len(latest) > SHOW_LATEST
        return super().get_context_data(
            articles=latest[:SHOW_LATEST],
            article_count=articles.count() if more else len(latest),
            episode_count=episodes.count(),
            hosts=hosts,
            years=list(articles.dates("published", "year")),
            **kwargs,
        )


class QuoteListView(CachedPageMixin, ForgivingListView):
    """`/quotes/?speaker=&tag=`: spoken quotes from published write-ups."""

    template_name = "articles/quote_list.html"
    context_object_name = "quotes"
    paginate_by = QUOTE_PAGE

    def get_queryset(self):
        quotes = (
            Quote.objects.published()
            .spoken()
            .select_related("speaker", "article__episode", "section")
            .defer("article__source", "article__body", "article__front_matter")
            .defer("section__body", "section__body_html")
            .prefetch_related("article__episode__links")
            .order_by("-article__published", "position")
        )
        if speaker := self.request.GET.get("speaker"):
            quotes = quotes.filter(speaker__slug=speaker)
        if tag := self.request.GET.get("tag"):
            quotes = quotes.filter(article__tags__slug=tag)
        return quotes

    def get_context_data(self, **kwargs):
        active = {k: v for k in ("speaker", "tag") if (v := self.request.GET.get(k))}
        speakers = quoted_speakers()
        context = super().get_context_data(active_filters=active, speakers=speakers, **kwargs)
        with_moments(context["quotes"])
        return context


class QuoteDetailView(CachedPageMixin, DetailView):
    template_name = "articles/quote_detail.html"
    context_object_name = "quote"

    def get_queryset(self):
        return Quote.objects.published().select_related(
            "speaker", "article__episode__show", "section"
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:  # a permalink never ends in a bare 404 while its write-up is up
            return identity.gone_quote_response(request, kwargs["pk"])
