"""Editors correct what the importer got wrong here."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import content_changes, identity
from .forms import (
    ArticleAdminForm,
    QuoteAdminForm,
    QuoteForm,
    SectionAdminForm,
    SectionForm,
    SpeakerForm,
    UploadWriteupsForm,
)
from .importer import Source, import_sources
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


class ContentAdmin(admin.ModelAdmin):
    """Every view that writes (a save, a delete, a bulk action or a list edit) runs in one
    transaction that also brings search entries, revisions and the page cache up to date
    (articles.content_changes); no admin keeps any of those itself."""

    def changeform_view(self, *args, **kwargs):
        with content_changes.editing():
            return super().changeform_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with content_changes.editing():
            return super().delete_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        with content_changes.editing():
            return super().changelist_view(*args, **kwargs)


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
    form = SectionForm
    extra = 0
    fields = ["position", "heading", "anchor", "kind", "number", "body"]


class QuoteInline(ArticleChildInline):
    model = Quote
    form = QuoteForm
    fields = ["position", "text", "kind", "speaker", "status", "section", "timestamp"]
    cached_choice_fields = ("speaker", "section")


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
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

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("import/", upload, name="articles_article_upload"), *super().get_urls()]

    def upload_view(self, request):
        """Upload .md files and import them through the same importer as the command."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = UploadWriteupsForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            sources = (Source(f.name, f.read()) for f in form.cleaned_data["files"])
            report = import_sources(
                sources, dry_run=form.cleaned_data["dry_run"], force=form.cleaned_data["force"]
            )
            for result in report.results:
                level = (
                    messages.SUCCESS
                    if result.status not in {"failed", "conflict"}
                    else messages.ERROR
                )
                self.message_user(request, result.line(), level)
            self.message_user(request, report.summary(), messages.INFO)
            return redirect("admin:articles_article_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta}
        return TemplateResponse(request, "admin/articles/article/upload.html", context)

    def _set_draft(self, request, queryset, draft):
        ids = list(queryset.values_list("pk", flat=True))
        count = Article.objects.filter(pk__in=ids).update(draft=draft)
        content_changes.changed(Article, articles=ids)  # update() sends no signals
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
class SpeakerAdmin(ContentAdmin):
    form = SpeakerForm
    list_display = ["name", "slug", "appearance_count"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_count=Count("appearances"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            identity.remember_slug(obj, form.initial.get("slug", ""))

    @admin.display(description=_("appearances"), ordering="appearance_count")
    def appearance_count(self, obj):
        return obj.appearance_count


@admin.register(Show)
class ShowAdmin(ContentAdmin):
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
class EpisodeAdmin(ContentAdmin):
    list_display = ["__str__", "show", "number", "air_date"]
    list_filter = [("show", admin.RelatedOnlyFieldListFilter), "air_date"]
    list_select_related = ["show"]
    search_fields = ["title", "number", "show__name", "key"]
    autocomplete_fields = ["show"]
    inlines = [AppearanceInline, ListenLinkInline]


@admin.register(Section)
class SectionAdmin(ContentAdmin):
    form = SectionAdminForm
    list_display = ["__str__", "article", "kind", "number", "position"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["heading", "article__title"]
    raw_id_fields = ["article"]


@admin.register(Quote)
class QuoteAdmin(ContentAdmin):
    form = QuoteAdminForm
    list_display = ["__str__", "speaker", "kind", "status", "article"]
    list_filter = ["kind", "status"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "article__title"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "section"]
    list_editable = ["status"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=QuoteForm, **kwargs)

    def delete_model(self, request, obj):
        identity.bury_quotes([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        identity.bury_quotes(queryset)
        super().delete_queryset(request, queryset)


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
