"""What was written: write-ups, their sections and the quotes in them."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from ..history import EditorsHistory
from .catalog import Appearance, Episode, Speaker


class Category(TagBase):
    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_absolute_url(self):
        return reverse("articles:category-detail", kwargs={"slug": self.slug})


class CategorizedArticle(TaggedItemBase):
    tag = models.ForeignKey(Category, models.CASCADE, related_name="items")
    content_object = models.ForeignKey("Article", models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="category_once")
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(draft=False, published__lte=timezone.now())

    def by_speaker(self, speaker):
        return self.filter(episode__appearances__speaker=speaker).distinct()

    def lean(self):
        """Without the file as imported and its Markdown: pages show sections' HTML."""
        return self.defer("source", "body", "front_matter")

    def with_listing(self):
        """What a list of write-ups shows: the episode, its show and people. Not the
        tags, which a card does not show: taggit builds a query per write-up to hold each
        prefetched list (a third of a list page's time)."""
        return (
            self.lean()
            .select_related("episode__show")
            .prefetch_related(
                models.Prefetch(
                    "episode__appearances",
                    Appearance.objects.select_related("speaker"),
                ),
            )
        )


class Article(models.Model):
    class Language(models.TextChoices):
        ZH_HANT = "zh-Hant", _("Traditional Chinese")
        ZH_HANS = "zh-Hans", _("Simplified Chinese")
        EN = "en", _("English")
        OTHER = "und", _("Other")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    published = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    # False when the write-up gave no date: `published` then holds the importer's UNDATED
    # (1970), so it sorts last, and pages say "undated" instead of showing it.
    dated = models.BooleanField(_("dated"), default=True)
    updated = models.DateTimeField(_("updated"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANT
    )
    draft = models.BooleanField(_("draft"), default=False)
    episode = models.ForeignKey(
        Episode,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("episode"),
    )
    tags = TaggableManager(_("tags"), blank=True)
    categories = TaggableManager(
        _("categories"), through=CategorizedArticle, blank=True, related_name="articles"
    )

    body = models.TextField(_("body (Markdown)"), blank=True)

    # Provenance: the file exactly as imported, so no import can ever lose what was written.
    source = models.TextField(_("verbatim source"), blank=True, editable=False)
    front_matter = models.JSONField(_("front matter as parsed"), default=dict, blank=True)
    source_path = models.CharField(_("source path"), max_length=1000, blank=True)
    source_hash = models.CharField(_("source hash"), max_length=64, blank=True, editable=False)
    # Fingerprint of the article's own fields as the importer last wrote them: a different
    # fingerprint now means an editor changed them since (see importer.store).
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The same for everything else an editor can change (each section, the episode, who
    # appeared, the listen links), part by part, so a conflict names what differs.
    import_digests = models.JSONField(default=dict, blank=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    # Moves on with every write (import, admin save, bulk action): an editor's form carries
    # the revision it was opened at, so a save over someone else's newer write is refused
    # rather than silently undoing it (see articles.forms.ArticleAdminForm).
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Editors' changes (articles.history); the file and its provenance are not copied.
    history = EditorsHistory(excluded_fields=[
        "body", "source", "front_matter", "source_hash", "import_fingerprint", "import_digests",
        "imported_at", "revision",
    ])  # fmt: skip

    class Meta:
        ordering = ["-published", "slug"]
        verbose_name = _("write-up")
        verbose_name_plural = _("write-ups")
        indexes = [models.Index(fields=["draft", "-published"], name="article_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Remembered for the slug it was made from: a page of quote cards asks for their
        # write-up's URL twice a card, and reverse() was a fifth of such a page's time.
        if getattr(self, "_url_for", (None,))[0] != self.slug:
            self._url_for = (
                self.slug,
                reverse("articles:article-detail", kwargs={"slug": self.slug}),
            )
        return self._url_for[1]


class Section(models.Model):
    class Kind(models.TextChoices):
        INTRO = "intro", _("introduction")
        STRATEGY = "strategy", _("numbered point")
        CONCLUSION = "conclusion", _("conclusion")
        OTHER = "other", _("other")

    article = models.ForeignKey(Article, models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    # Stable and unique within the article; keeps CJK ("策略一模型不會完全商品化").
    anchor = models.CharField(_("anchor"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(_("body (rendered)"), blank=True, editable=False)

    history = EditorsHistory(excluded_fields=["body_html"])

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="section_position"),
            models.UniqueConstraint(fields=["article", "anchor"], name="section_anchor"),
        ]

    def __str__(self):
        return self.heading or f"§{self.position}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(article__in=Article.objects.published())

    def spoken(self):
        return self.filter(kind=Quote.Kind.QUOTE)

    def by_speaker(self, speaker):
        return self.filter(speaker=speaker)


class Quote(models.Model):
    class Kind(models.TextChoices):
        QUOTE = "quote", _("quote")
        TERM = "term", _("term")

    class Status(models.TextChoices):
        AUTO = "auto", _("automatic")
        CONFIRMED = "confirmed", _("confirmed")
        DISPUTED = "disputed", _("disputed")

    article = models.ForeignKey(Article, models.CASCADE, related_name="quotes")
    section = models.ForeignKey(
        Section, models.CASCADE, related_name="quotes", null=True, blank=True
    )
    speaker = models.ForeignKey(
        Speaker, models.SET_NULL, related_name="quotes", null=True, blank=True
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.QUOTE)
    status = models.CharField(
        _("attribution"), max_length=10, choices=Status.choices, default=Status.AUTO
    )
    # Seconds into the episode, when the write-up gives a timestamp.
    timestamp = models.PositiveIntegerField(_("timestamp (s)"), null=True, blank=True)
    # An editor changed it (speaker, text, kind, status...) or added it: a re-import keeps
    # it exactly as it is.
    edited = models.BooleanField(_("edited by an editor"), default=False)
    # The text as the importer last found it in the file: a re-import finds this quote by
    # it (so its id, and its permalink, survive) even after an editor corrected the text.
    imported_text = models.TextField(blank=True, editable=False)

    objects = QuoteQuerySet.as_manager()
    history = EditorsHistory(excluded_fields=["imported_text"])

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="quote_position")
        ]
        indexes = [models.Index(fields=["speaker", "kind"])]

    def __str__(self):
        return self.text if len(self.text) <= 60 else self.text[:59] + "…"

    def get_absolute_url(self):
        return reverse("articles:quote-detail", kwargs={"pk": self.pk})

    @property
    def place_url(self) -> str:
        """Its place in the write-up: the section it stands in."""
        url = self.article.get_absolute_url()
        return f"{url}#{self.section.anchor}" if self.section_id else url


class GoneQuote(models.Model):
    """A quote a re-import (or an editor) removed: its permalink answers 410 Gone and
    points to its write-up, rather than a bare 404."""

    quote_id = models.BigIntegerField(primary_key=True)
    article = models.ForeignKey(Article, models.CASCADE, related_name="+")
    gone_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-gone_at"]

    def __str__(self):
        return f"quote {self.quote_id} of {self.article_id}"
