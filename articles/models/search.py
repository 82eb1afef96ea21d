"""The search index: one row a searchable passage, denormalised for filters and facets.
Drafts have no rows: what is not published cannot be found.

The full-text part lives outside the ORM: an FTS5 table on SQLite, a generated tsvector
column with a GIN index on PostgreSQL (see migrations and articles/search/backends.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article, Quote, Section
from .catalog import Show, Speaker


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("write-up")
        SECTION = "section", _("section")
        QUOTE = "quote", _("quote")
        SPEAKER = "speaker", _("speaker")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    article = models.ForeignKey(Article, models.CASCADE, null=True, related_name="+")
    section = models.ForeignKey(Section, models.CASCADE, null=True, related_name="+")
    quote = models.ForeignKey(Quote, models.CASCADE, null=True, related_name="+")
    speaker = models.ForeignKey(Speaker, models.CASCADE, null=True, related_name="+")
    show = models.ForeignKey(Show, models.SET_NULL, null=True, related_name="+")
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000)
    text = models.TextField()  # the passage as written: snippets are cut from it
    search_text = models.TextField()  # normalised, encoded tokens (articles/search/text.py)
    language = models.CharField(max_length=10, blank=True)
    published = models.DateTimeField(null=True)
    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["-published", "id"]
        indexes = [
            # The type filter, and a search's quotes by the sections that matched.
            models.Index(fields=["kind", "section"]),
            models.Index(fields=["published"]),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"
