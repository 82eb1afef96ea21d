from .api import ArticleDetailAPI, ArticleListAPI, SearchAPI
from .pages import ArchiveView, ArticleDetailView, ArticleListView, HomeView
from .people import QuoteDetailView, QuoteListView, ShowDetailView, SpeakerDetailView
from .search import SearchView
from .topics import CategoryDetailView, TagDetailView

__all__ = [
    "ArchiveView",
    "ArticleDetailAPI",
    "ArticleDetailView",
    "ArticleListAPI",
    "ArticleListView",
    "CategoryDetailView",
    "HomeView",
    "QuoteDetailView",
    "QuoteListView",
    "SearchAPI",
    "SearchView",
    "ShowDetailView",
    "SpeakerDetailView",
    "TagDetailView",
]
