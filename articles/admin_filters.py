"""List filters that stay small at real size: ten thousand write-ups or speakers would be
ten thousand links in the sidebar. Each offers the one chosen (reached from a write-up's
page, a speaker's link or a search) and a short list of likely choices."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Article, Speaker

CHOICES = 15


class _ChosenOrTop(admin.SimpleListFilter):
    model = None

    def top(self, queryset):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        value = self.value() or ""
        chosen = self.model.objects.filter(pk=value) if value.isdigit() else []
        choices = {obj.pk: obj for obj in chosen}
        for obj in self.top(model_admin.get_queryset(request)):
            choices.setdefault(obj.pk, obj)
        return [(str(pk), str(obj)) for pk, obj in choices.items()]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.parameter_name}_id": self.value()})
        return queryset


class ArticleFilter(_ChosenOrTop):
    title = _("write-up")
    parameter_name = "article"
    model = Article

    def top(self, queryset):
        return Article.objects.lean().order_by("-published")[:CHOICES]


class SpeakerFilter(_ChosenOrTop):
    title = _("speaker")
    parameter_name = "speaker"
    model = Speaker

    def top(self, queryset):
        counts = queryset.exclude(speaker=None).values("speaker").annotate(n=Count("id"))
        top = [row["speaker"] for row in counts.order_by("-n")[:CHOICES]]
        return Speaker.objects.filter(pk__in=top)
