"""Write-ups: the home page, the filterable list, one write-up, the archive by year."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.views.generic import DetailView, TemplateView
from taggit.models import Tag

from .. import params
from ..cache import CachedPageMixin
from ..models import Article, Episode, Quote, Section, Show, Speaker
from ..presentation import mark_quotes, related_articles
from .pagination import ForgivingListView

PAGE_SIZE = 20


class HomeView(CachedPageMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        latest = list(published.with_listing()[:10])
        return super().get_context_data(
            articles=latest,
            # From the latest write-ups only: scanning every quote costs a second at 1,000.
            quotes=Quote.objects.filter(article__in=[a.pk for a in latest])
            .spoken()
            .exclude(speaker=None)
            .exclude(status=Quote.Status.DISPUTED)
            .select_related("speaker", "article", "section")
            .order_by("-status", "-article__published", "position")[:5],
            shows=Show.objects.filter(episodes__articles__in=published).distinct()[:12],
            speakers=Speaker.objects.filter(appearances__episode__articles__in=published)
            .annotate(episode_count=Count("appearances", distinct=True))
            .order_by("-episode_count", "name")[:12],
            topics=Tag.objects.filter(article__in=published)
            .annotate(uses=Count("article", distinct=True))
            .order_by("-uses", "name")[:20],
            **kwargs,
        )


class ArticleListView(CachedPageMixin, ForgivingListView):
    """`/articles/?tag=&category=&show=&speaker=&year=`: any value, never an error."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    filters = ("tag", "category", "show", "speaker", "year")

    def get_queryset(self):
        articles = Article.objects.published().with_listing()
        query, joined = self.request.GET, False
        if tag := query.get("tag"):
            articles, joined = articles.filter(tags__slug=tag), True
        if category := query.get("category"):
            articles, joined = articles.filter(categories__slug=category), True
        if show := query.get("show"):
            articles = articles.filter(episode__show__slug=show)
        if speaker := query.get("speaker"):
            articles = articles.filter(episode__appearances__speaker__slug=speaker)
            joined = True
        if query.get("year"):
            if (year := params.year(query["year"])) is None:
                return articles.none()
            articles = articles.filter(published__year=year)
        # DISTINCT only where a join can repeat rows: it makes the page count slow.
        return articles.distinct() if joined else articles

    def get_context_data(self, **kwargs):
        active = {k: v for k, v in self.request.GET.items() if k in self.filters and v}
        return super().get_context_data(active_filters=active, **kwargs)


class ArticleDetailView(CachedPageMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = (
            Article.objects.all() if self.request.user.is_staff else (Article.objects.published())
        )
        return articles.lean().prefetch_related(
            "tags",
            "categories",
            Prefetch("sections", Section.objects.order_by("position")),
            Prefetch("quotes", Quote.objects.select_related("speaker")),
            Prefetch("episode", Episode.objects.with_people()),
        )

    def get_context_data(self, **kwargs):
        article = self.object
        by_section: dict[int, list[Quote]] = {}
        for quote in article.quotes.all():
            by_section.setdefault(quote.section_id, []).append(quote)
        sections = [
            (section, mark_quotes(section.body_html, by_section.get(section.pk, [])))
            for section in article.sections.all()
        ]
        published = Article.objects.published()
        return super().get_context_data(
            sections=sections,
            previous_article=published.filter(published__lt=article.published)
            .order_by("-published")
            .only("title", "slug")
            .first(),
            next_article=published.filter(published__gt=article.published)
            .order_by("published")
            .only("title", "slug")
            .first(),
            related=related_articles(article),
            **kwargs,
        )


class ArchiveView(CachedPageMixin, ForgivingListView):
    """`/archive/` lists the years; `/archive/<year>/` that year's write-ups."""

    template_name = "articles/archive.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        year = self.kwargs.get("year")
        if year is None:
            return Article.objects.none()
        if not 1 <= year <= 9999:
            raise Http404
        return Article.objects.published().filter(published__year=year).with_listing()

    def get_context_data(self, **kwargs):
        years = Article.objects.published().dates("published", "year", order="DESC")
        return super().get_context_data(
            year=self.kwargs.get("year"), years=[d.year for d in years], **kwargs
        )
