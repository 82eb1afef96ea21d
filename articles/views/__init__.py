from .pages import ArchiveView, ArticleDetailView, ArticleListView, HomeView
from .people import QuoteDetailView, QuoteListView, ShowDetailView, SpeakerDetailView
from .topics import CategoryDetailView, TagDetailView

__all__ = [
    "ArchiveView",
    "ArticleDetailView",
    "ArticleListView",
    "CategoryDetailView",
    "HomeView",
    "QuoteDetailView",
    "QuoteListView",
    "ShowDetailView",
    "SpeakerDetailView",
    "TagDetailView",
]
