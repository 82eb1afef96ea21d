"""Signal wiring: every content model's saves and deletes reach articles.content_changes,
which keeps the search index, revisions and the page-cache version current."""

from .content_changes import connect

__all__ = ["connect"]
