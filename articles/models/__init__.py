from .catalog import Appearance, Episode, ListenLink, Show, Speaker
from .search import SearchDocument, SearchEntry
from .writeups import Article, CategorizedArticle, Category, Quote, Section

__all__ = [
    "Appearance",
    "Article",
    "CategorizedArticle",
    "Category",
    "Episode",
    "ListenLink",
    "Quote",
    "SearchDocument",
    "SearchEntry",
    "Section",
    "Show",
    "Speaker",
]
