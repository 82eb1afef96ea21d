"""Turning front-matter Markdown write-ups into episodes, speakers, sections and quotes.

`import_paths` and `import_sources` are the entry points; the management command and
the admin upload page are thin wrappers around them.
"""

from .errors import EditConflict, WriteupError
from .parse import ParsedWriteup, parse_writeup
from .runner import FileResult, ImportReport, import_paths, import_sources
from .source import Source

__all__ = [
    "EditConflict",
    "FileResult",
    "ImportReport",
    "ParsedWriteup",
    "Source",
    "WriteupError",
    "import_paths",
    "import_sources",
    "parse_writeup",
]
