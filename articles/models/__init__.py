from .articles import Article, CategorizedArticle, Category, GoneQuote, Quote, Section
from .catalog import Appearance, Episode, FormerSpeakerSlug, ListenLink, Show, Speaker
from .search import SearchDocument, SearchEntry, SearchWords
from .site import ContentVersion

__all__ = [
    "Appearance",
    "Article",
    "CategorizedArticle",
    "Category",
    "ContentVersion",
    "Episode",
    "FormerSpeakerSlug",
    "GoneQuote",
    "ListenLink",
    "Quote",
    "SearchDocument",
    "SearchEntry",
    "SearchWords",
    "Section",
    "Show",
    "Speaker",
]
