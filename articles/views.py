"""Public pages. Readers only ever see published write-ups; staff may preview drafts."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Appearance, Article, Episode, Quote, Section, Show, Speaker


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().with_listing()


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = (
            Article.objects.all() if self.request.user.is_staff else (Article.objects.published())
        )
        return articles.prefetch_related(
            "tags",
            "categories",
            Prefetch("sections", Section.objects.order_by("position")),
            Prefetch("quotes", Quote.objects.select_related("speaker")),
            Prefetch("episode", Episode.objects.with_people()),
        )


class SpeakerDetailView(DetailView):
    template_name = "articles/speaker_detail.html"
    context_object_name = "speaker"
    queryset = Speaker.objects.all()

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        return super().get_context_data(
            appearances=Appearance.objects.filter(speaker=self.object)
            .select_related("episode__show")
            .prefetch_related(Prefetch("episode__articles", published))
            .order_by("-episode__air_date"),
            quotes=Quote.objects.filter(speaker=self.object, article__in=published)
            .spoken()
            .select_related("article", "section"),
            **kwargs,
        )


class ShowDetailView(DetailView):
    template_name = "articles/show_detail.html"
    context_object_name = "show"
    queryset = Show.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=Article.objects.published().filter(episode__show=self.object).with_listing(),
            **kwargs,
        )
