"""Turning front-matter Markdown write-ups into episodes, speakers, sections and quotes.

`import_paths` and `import_sources` are the entry points; the management command and
the admin upload page are thin wrappers around them.
"""

from .errors import ArticleError, EditConflict
from .parse import ParsedArticle, parse_article
from .runner import FileResult, ImportReport, import_paths, import_sources
from .source import Source

__all__ = [
    "ArticleError",
    "EditConflict",
    "FileResult",
    "ImportReport",
    "ParsedArticle",
    "Source",
    "import_paths",
    "import_sources",
    "parse_article",
]
