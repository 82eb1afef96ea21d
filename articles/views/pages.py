"""Write-ups: the home page, the filterable list, one write-up, the archive by year."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch
from django.http import Http404
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from taggit.models import Tag

from .. import params
from ..cache import CachedPageMixin, per_content_version
from ..models import Article, Category, Episode, Quote, Section, Show, Speaker
from ..presentation import mark_quotes, related_articles, with_moments
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
            quotes=with_moments(
                Quote.objects.filter(article__in=[a.pk for a in latest])
                .spoken()
                .exclude(speaker=None)
                .exclude(status=Quote.Status.DISPUTED)
                .select_related("speaker", "article__episode", "section")
                .defer("article__source", "article__body", "article__front_matter")
                .defer("section__body", "section__body_html")
                .prefetch_related("article__episode__links")
                .order_by("-status", "-article__published", "position")[:5]
            ),
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
        choices = filter_choices()
        controls = [
            {"name": name, "label": label, "options": options(choices[name], active.get(name))}
            for name, label in FILTER_LABELS
        ]
        return super().get_context_data(active_filters=active, controls=controls, **kwargs)


def options(choices: list[tuple[str, str]], active: str | None) -> SafeString:
    """A select's options, built here: a hundred of them cost ~4 ms as template nodes.
    A value from a URL the form does not list (a rare tag) is kept, selected."""
    if active and active not in (value for value, _ in choices):
        choices = [(active, active), *choices]
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == active else "", label)
            for value, label in choices
        ),
    )


FILTER_LABELS = (
    ("show", _("Show")),
    ("speaker", _("Speaker")),
    ("tag", _("Topic")),
    ("category", _("Category")),
    ("year", _("Year")),
)


FILTER_CHOICES = 40  # the most used tags and speakers; a URL can still name any other


@per_content_version
def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The values the list's filter form offers, as (value, label), most used first where
    there are many. Speakers and shows ask "has a published write-up?" per row (EXISTS)
    rather than joining every write-up and de-duplicating: 4× faster at 1,000."""
    published = Article.objects.published()
    # The years from the first to the last write-up: two index reads, where dates()
    # truncates every row's date (in Python, on SQLite).
    span = published.aggregate(first=Min("published"), last=Max("published"))
    first, last = (localtime(span[k]).year if span[k] else None for k in ("first", "last"))
    years = range(last, first - 1, -1) if first else []
    tags = (
        Tag.objects.filter(article__in=published)
        .annotate(uses=Count("article"))  # an article is tagged once with each tag
        .order_by("-uses", "name")
        .values_list("slug", "name")[:FILTER_CHOICES]
    )
    speakers = (
        Speaker.objects.filter(
            Exists(published.filter(episode__appearances__speaker=OuterRef("pk")))
        )
        .annotate(uses=Count("appearances"))
        .order_by("-uses", "name")
        .values_list("slug", "name")[:FILTER_CHOICES]
    )
    shows = Show.objects.filter(Exists(published.filter(episode__show=OuterRef("pk"))))
    categories = Category.objects.filter(items__content_object__in=published).distinct()
    return {
        "show": list(shows.order_by("name").values_list("slug", "name")),
        "speaker": list(speakers),
        "tag": list(tags),
        "category": list(categories.order_by("name").values_list("slug", "name")),
        "year": [(str(year), str(year)) for year in years],
    }


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
