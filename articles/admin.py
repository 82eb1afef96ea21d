"""Editors correct what the importer got wrong here."""

from django.contrib import admin, messages
from django.db.models import Count, F
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .cache import bump_content_version
from .forms import ArticleAdminForm, SpeakerForm
from .models import (
    Appearance,
    Article,
    Category,
    Episode,
    ListenLink,
    Quote,
    Section,
    Show,
    Speaker,
)
from .search.index import index_article, index_speaker
from .upload import upload_view as upload_writeups


class CachedChoicesMixin:
    """Evaluate each foreign-key choice list once per request, not once per inline row.

    Without this an article with 300 quotes runs 300 identical queries for the
    speaker drop-down alone.
    """

    cached_choice_fields: tuple[str, ...] = ()

    def choice_queryset(self, db_field, request):
        return db_field.remote_field.model._default_manager.all()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.cached_choice_fields:
            cache = request.__dict__.setdefault("_admin_choices", {})
            key = (type(self).__name__, db_field.name)
            if key not in cache:
                field.queryset = self.choice_queryset(db_field, request)
                cache[key] = list(field.choices)
            field.choices = cache[key]
        return field


class ArticleChildInline(CachedChoicesMixin, admin.TabularInline):
    extra = 0

    def choice_queryset(self, db_field, request):
        if db_field.name == "section":
            return Section.objects.filter(article_id=request.resolver_match.kwargs.get("object_id"))
        return super().choice_queryset(db_field, request)


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["position", "heading", "anchor", "kind", "number", "body"]


class QuoteInline(ArticleChildInline):
    model = Quote
    fields = ["position", "text", "kind", "speaker", "status", "section", "timestamp"]
    cached_choice_fields = ("speaker", "section")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "published", "language", "draft", "show_name", "edited_at"]
    list_filter = [
        "draft",
        "language",
        ("episode__show", admin.RelatedOnlyFieldListFilter),
        "tags",
        "published",
    ]
    list_select_related = ["episode__show"]
    search_fields = ["title", "slug", "description"]
    date_hierarchy = "published"
    prepopulated_fields = {}
    autocomplete_fields = ["episode"]
    readonly_fields = ["source_path", "source_hash", "imported_at", "edited_at", "source"]
    inlines = [SectionInline, QuoteInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "published", "updated", "description", "seen_revision"]},
        ),
        (_("Classification"), {"fields": ["language", "draft", "episode", "tags", "categories"]}),
        (_("Body"), {"fields": ["body"]}),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": ["source_path", "source_hash", "imported_at", "edited_at", "source"],
            },
        ),
    ]

    @admin.display(description=_("show"), ordering="episode__show__name")
    def show_name(self, obj):
        return obj.episode.show if obj.episode and obj.episode.show else "—"

    def save_model(self, request, obj, form, change):
        obj.edited_at = timezone.now()
        # The form checked, under a row lock, that nobody wrote since the editor opened it.
        obj.revision = (form.cleaned_data.get("seen_revision") or 0) + 1 if change else 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        index_article(form.instance)  # tags, sections and quotes are saved by now

    def save_formset(self, request, form, formset, change):
        # An editor who picks a quote's speaker has confirmed the attribution.
        for inline_form in formset.forms:
            instance = inline_form.instance
            picked = isinstance(instance, Quote) and "speaker" in inline_form.changed_data
            if picked and instance.status == Quote.Status.AUTO:
                instance.status = Quote.Status.CONFIRMED
        super().save_formset(request, form, formset, change)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("import/", upload, name="articles_article_upload"), *super().get_urls()]

    def upload_view(self, request):
        """Upload .md files, imported as the command does them (articles/upload.py)."""
        return upload_writeups(self, request)

    upload_view.csrf_exempt = True  # checked inside, once the upload handler is in place

    def _set_draft(self, request, queryset, draft):
        count = queryset.update(draft=draft, edited_at=timezone.now(), revision=F("revision") + 1)
        for article in queryset.select_related("episode"):
            index_article(article)  # a draft's entries go, a published one's come back
        bump_content_version()  # update() sends no signals
        message = (
            ngettext("%d write-up unpublished.", "%d write-ups unpublished.", count)
            if draft
            else ngettext("%d write-up published.", "%d write-ups published.", count)
        )
        self.message_user(request, message % count, messages.SUCCESS)

    @admin.action(description=_("Publish selected write-ups"))
    def publish(self, request, queryset):
        self._set_draft(request, queryset, draft=False)

    @admin.action(description=_("Unpublish selected write-ups (make drafts)"))
    def unpublish(self, request, queryset):
        self._set_draft(request, queryset, draft=True)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerForm
    list_display = ["name", "slug", "appearance_count"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_count=Count("appearances"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        index_speaker(obj)

    @admin.display(description=_("appearances"), ordering="appearance_count")
    def appearance_count(self, obj):
        return obj.appearance_count


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["speaker"]


class ListenLinkInline(admin.TabularInline):
    model = ListenLink
    extra = 0


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show", "number", "air_date"]
    list_filter = [("show", admin.RelatedOnlyFieldListFilter), "air_date"]
    list_select_related = ["show"]
    search_fields = ["title", "number", "show__name", "key"]
    autocomplete_fields = ["show"]
    inlines = [AppearanceInline, ListenLinkInline]


class ReindexArticleMixin:
    """Editing a section or quote on its own page keeps its write-up's index fresh."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        index_article(obj.article)

    def delete_model(self, request, obj):
        article = obj.article
        super().delete_model(request, obj)
        index_article(article)


@admin.register(Section)
class SectionAdmin(ReindexArticleMixin, admin.ModelAdmin):
    list_display = ["__str__", "article", "kind", "number", "position"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["heading", "article__title"]
    raw_id_fields = ["article"]


@admin.register(Quote)
class QuoteAdmin(ReindexArticleMixin, admin.ModelAdmin):
    list_display = ["__str__", "speaker", "kind", "status", "article"]
    list_filter = ["kind", "status"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "article__title"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "section"]
    list_editable = ["status"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
