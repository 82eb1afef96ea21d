"""The search index. Drafts have no rows: what is not published cannot be found.

SearchDocument: one row a write-up or speaker, what a search matches, counts and ranks.
SearchEntry: its passages (for snippets and deep links) and its quotes (matched on their own).
SearchWords: more of a long write-up's words than its document holds.

The full-text part lives outside the ORM: FTS5 tables on SQLite, generated tsvector
columns with GIN (or RUM) indexes on PostgreSQL (see articles/search/schema.py).
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
            # A page of results: where its write-ups' passages or quotes are, from the
            # index alone (SQLite had walked every row of a kind).
            models.Index(fields=["article", "kind", "section"]),
            models.Index(fields=["published"]),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchDocument(models.Model):
    """A write-up (title, headings, body) or a speaker (names, bio) as one searchable
    document: its matches are counted exactly and ranked by BM25 over every match.
    The columns are normalised, encoded tokens (articles/search/text.py). The long ones
    come last, so reading the short ones never walks a long row's overflow pages."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("write-up")
        SPEAKER = "speaker", _("speaker")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    article = models.OneToOneField(Article, models.CASCADE, null=True, related_name="+")
    speaker = models.OneToOneField(Speaker, models.CASCADE, null=True, related_name="+")
    published = models.DateTimeField(null=True)
    # A write-up's facets, so the catalogue (search/catalog.py) is one read of one table.
    show = models.ForeignKey(Show, models.SET_NULL, null=True, related_name="+")
    language = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    people = models.TextField(blank=True)  # ids of who appeared or is quoted: "3 14"
    tags = models.TextField(blank=True)  # ids of its tags: "2 7"
    # False: some of its words are missing (indexed before SearchWords held the rest, or
    # before the words held Latin pairs): its phrases are checked in its passages.
    words_indexed = models.BooleanField(default=True)
    impacts = models.TextField(blank=True)  # each token's BM25 weight (search/ranking.py)
    # Its CJK words of three and four characters and its pairs of Latin words side by
    # side (search/text.py): the first MAX_WORDS (ranking.py).
    words = models.TextField(blank=True)

    class Meta:
        ordering = ["-published", "id"]
        constraints = [
            models.CheckConstraint(
                name="search_document_is_one_thing",
                condition=models.Q(kind="article", article__isnull=False, speaker=None)
                | models.Q(kind="speaker", speaker__isnull=False, article=None),
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.article_id or self.speaker_id}"


class SearchWords(models.Model):
    """More of a document's CJK words, MAX_WORDS (search/ranking.py) a row, for the few
    write-ups that have more than their document holds (PostgreSQL refuses a tsvector
    over 1 MB): every word is an index term, never a phrase to check."""

    document = models.ForeignKey(SearchDocument, models.CASCADE, related_name="more_words")
    words = models.TextField()

    class Meta:
        ordering = ["document", "id"]
        verbose_name_plural = "search words"

    def __str__(self):
        return f"more words of {self.document}"
