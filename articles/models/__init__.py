from .catalog import Appearance, Episode, FormerSpeakerSlug, ListenLink, Show, Speaker
from .search import SearchDocument, SearchEntry
from .writeups import Article, CategorizedArticle, Category, GoneQuote, Quote, Section

__all__ = [
    "Appearance",
    "Article",
    "CategorizedArticle",
    "Category",
    "Episode",
    "FormerSpeakerSlug",
    "GoneQuote",
    "ListenLink",
    "Quote",
    "SearchDocument",
    "SearchEntry",
    "Section",
    "Show",
    "Speaker",
]
