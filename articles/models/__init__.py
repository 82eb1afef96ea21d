from .catalog import Appearance, Episode, ListenLink, Show, Speaker
from .search import SearchEntry
from .writeups import Article, CategorizedArticle, Category, Quote, Section

__all__ = [
    "Appearance",
    "Article",
    "CategorizedArticle",
    "Category",
    "Episode",
    "ListenLink",
    "Quote",
    "SearchEntry",
    "Section",
    "Show",
    "Speaker",
]
