from .pages import ArchiveView, ArticleDetailView, ArticleListView, HomeView
from .people import QuoteDetailView, QuoteListView, ShowDetailView, SpeakerDetailView
from .search import SearchAPI, SearchView
from .topics import CategoryDetailView, TagDetailView

__all__ = [
    "ArchiveView",
    "ArticleDetailView",
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
