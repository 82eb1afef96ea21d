"""What belongs to the site as a whole rather than to any write-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row: a token that every change to what pages show replaces (articles/cache.py).

    Kept in the database, which every server process on every machine shares, so a
    per-process page cache never serves a page older than the last edit anywhere."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return self.token
