from .catalog import Appearance, Episode, ListenLink, Show, Speaker
from .search import SearchEntry
from .site import ContentVersion
from .writeups import Article, CategorizedArticle, Category, Quote, Section

__all__ = [
    "Appearance",
    "Article",
    "CategorizedArticle",
    "Category",
    "ContentVersion",
    "Episode",
    "ListenLink",
    "Quote",
    "SearchEntry",
    "Section",
    "Show",
    "Speaker",
]
