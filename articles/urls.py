from django.urls import path

from . import api, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("speakers/<str:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("shows/<str:slug>/", views.ShowDetailView.as_view(), name="show-detail"),
    path("api/articles/", api.ArticleListAPI.as_view(), name="api-article-list"),
    path("api/articles/<str:slug>/", api.ArticleDetailAPI.as_view(), name="api-article-detail"),
]
