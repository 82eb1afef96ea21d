"""Who and where: shows, speakers, episodes and who appeared in them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..history import EditorsHistory


class Show(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("show")
        verbose_name_plural = _("shows")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:show-detail", kwargs={"slug": self.slug})


class SpeakerQuerySet(models.QuerySet):
    def with_appearance_counts(self):
        return self.annotate(appearance_count=models.Count("appearances", distinct=True))


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    bio = models.TextField(_("short bio"), blank=True)
    # Other spellings and scripts ("Altman", "山姆·奧特曼") that name this person in text.
    aliases = models.JSONField(_("aliases"), default=list, blank=True)

    objects = SpeakerQuerySet.as_manager()
    history = EditorsHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:speaker-detail", kwargs={"slug": self.slug})

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class FormerSpeakerSlug(models.Model):
    """A slug a speaker had before a rename or a merge: its old URL redirects."""

    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    speaker = models.ForeignKey(Speaker, models.CASCADE, related_name="former_slugs")

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return f"{self.slug} → {self.speaker_id}"


class EpisodeQuerySet(models.QuerySet):
    def with_people(self):
        return self.select_related("show").prefetch_related(
            "links", models.Prefetch("appearances", Appearance.objects.select_related("speaker"))
        )


class Episode(models.Model):
    # A natural key the importer derives ("show-slug/number"), so two imports racing
    # for the same episode meet on a unique constraint instead of creating two rows.
    key = models.CharField(_("key"), max_length=300, unique=True)
    show = models.ForeignKey(
        Show, models.PROTECT, related_name="episodes", null=True, blank=True, verbose_name=_("show")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    # Kept as written: "EP1" and "032" are not numbers.
    number = models.CharField(_("number"), max_length=50, blank=True)
    air_date = models.DateField(_("air date"), null=True, blank=True)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    speakers = models.ManyToManyField(Speaker, through="Appearance", related_name="episodes")

    objects = EpisodeQuerySet.as_manager()
    history = EditorsHistory(excluded_fields=["key"])

    class Meta:
        ordering = ["-air_date", "show__name", "number"]
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        constraints = [
            models.UniqueConstraint(
                fields=["show", "number"],
                condition=~Q(number=""),
                name="episode_unique_number_per_show",
            )
        ]
        indexes = [models.Index(fields=["air_date"])]

    def __str__(self):
        parts = [str(self.show) if self.show else "", self.number, self.title]
        return " · ".join(p for p in parts if p) or self.key

    def hosts(self):
        return [a for a in self.appearances.all() if a.role == Appearance.Role.HOST]

    def guests(self):
        return [a for a in self.appearances.all() if a.role == Appearance.Role.GUEST]


class Appearance(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("host")
        GUEST = "guest", _("guest")

    episode = models.ForeignKey(Episode, models.CASCADE, related_name="appearances")
    speaker = models.ForeignKey(Speaker, models.CASCADE, related_name="appearances")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.GUEST)
    # The title they had then ("OpenAI CEO"); titles change, people stay.
    title = models.CharField(_("title then"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["episode", "role", "position"]
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "speaker", "role"], name="appearance_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()}) – {self.episode}"


class ListenLink(models.Model):
    episode = models.ForeignKey(Episode, models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=100)
    url = models.URLField(_("URL"), max_length=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["episode", "position"]
        verbose_name = _("listen link")
        verbose_name_plural = _("listen links")
        constraints = [
            models.UniqueConstraint(fields=["episode", "url"], name="listenlink_unique_url")
        ]

    def __str__(self):
        return f"{self.label}: {self.url}"
