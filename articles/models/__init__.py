from .catalog import Appearance, Episode, FormerSpeakerSlug, ListenLink, Show, Speaker
from .search import SearchEntry
from .site import ContentVersion
from .writeups import Article, CategorizedArticle, Category, GoneQuote, Quote, Section

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
    "SearchEntry",
    "Section",
    "Show",
    "Speaker",
]
