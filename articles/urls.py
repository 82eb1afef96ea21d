from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("speakers/<str:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("speakers/<str:slug>/feed/", feeds.SpeakerFeed(), name="speaker-feed"),
    path("shows/<str:slug>/", views.ShowDetailView.as_view(), name="show-detail"),
    path("shows/<str:slug>/feed/", feeds.ShowFeed(), name="show-feed"),
    path("quotes/", views.QuoteListView.as_view(), name="quote-list"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote-detail"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("tags/<str:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("categories/<str:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive-year"),
    path("feed/", feeds.LatestFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("api/search/", views.SearchAPI.as_view(), name="api-search"),
    path("api/articles/", views.ArticleListAPI.as_view(), name="api-article-list"),
    path("api/articles/<str:slug>/", views.ArticleDetailAPI.as_view(), name="api-article-detail"),
]
