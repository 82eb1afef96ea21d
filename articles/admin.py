"""Editors correct what the importer got wrong here."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import content_changes, history, identity
from .admin_filters import ArticleFilter, SpeakerFilter
from .forms import (
    ArticleAdminForm,
    QuoteAdminForm,
    QuoteForm,
    SectionAdminForm,
    SpeakerForm,
)
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
from .upload import upload_view as upload_articles


class ContentAdmin(admin.ModelAdmin):
    """Every view that writes (a save, a delete, a bulk action or a list edit) runs in one
    transaction that also brings search entries, revisions and the page cache up to date
    (articles.content_changes); no admin keeps any of those itself."""

    def changeform_view(self, *args, **kwargs):
        with content_changes.editing(), history.recording():
            return super().changeform_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with content_changes.editing(), history.recording():
            return super().delete_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        with content_changes.editing(), history.recording():
            return super().changelist_view(*args, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            history.record_baseline(obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        history.record_baseline(obj)
        super().delete_model(request, obj)


class HistoryAdmin(ContentAdmin, SimpleHistoryAdmin):
    """With the history of editors' changes (articles.history): each version's changed
    fields, old and new, and a form to restore it (saved like any editor's change)."""

    def history_form_view(self, *args, **kwargs):
        with content_changes.editing(), history.recording():
            return super().history_form_view(*args, **kwargs)


def _viewing_list(request) -> bool:
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


# A write-up's long texts, which lists of its sections and quotes never show.
ARTICLE_TEXT = ("article__source", "article__body", "article__front_matter", "article__description")


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
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
    # Sections and quotes are edited in lists of their own, reached from here: inlined, a
    # transcript's 1,000 quotes made a page of megabytes and tens of thousands of options.
    readonly_fields = ["contents", "source_path", "source_hash", "imported_at", "edited_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "published", "updated", "description", "seen_revision"]},
        ),
        (_("Classification"), {"fields": ["language", "draft", "episode", "tags", "categories"]}),
        (_("Sections and quotes"), {"fields": ["contents"]}),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": ["source_path", "source_hash", "imported_at", "edited_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source", "front_matter")

    @admin.display(description=_("contents"))
    def contents(self, obj):
        if obj.pk is None:
            return "—"
        query = f"?article={obj.pk}"
        section_count, quote_count = obj.sections.count(), obj.quotes.count()
        sections = reverse("admin:articles_section_changelist") + query
        quotes = reverse("admin:articles_quote_changelist") + query
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            sections,
            ngettext("%d section", "%d sections", section_count) % section_count,
            quotes,
            ngettext("%d quote", "%d quotes", quote_count) % quote_count,
        )

    @admin.display(description=_("show"), ordering="episode__show__name")
    def show_name(self, obj):
        return obj.episode.show if obj.episode and obj.episode.show else "—"

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("import/", upload, name="articles_article_upload"), *super().get_urls()]

    def upload_view(self, request):
        """Upload .md files, imported as the command does them (articles/upload.py)."""
        return upload_articles(self, request)

    upload_view.csrf_exempt = True  # checked inside, once the upload handler is in place

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
class SpeakerAdmin(HistoryAdmin):
    form = SpeakerForm
    list_display = ["name", "slug", "appearance_count"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_count=Count("appearances"))

    actions = ["merge"]

    @admin.action(description=_("Merge selected speakers into one"))
    def merge(self, request, queryset):
        """Asks which one stays, then moves everything of the others over to it."""
        speakers = list(queryset.order_by("-appearance_count", "pk"))
        keep = next((s for s in speakers if str(s.pk) == request.POST.get("keep")), None)
        if len(speakers) < 2:
            self.message_user(request, _("Select two or more speakers."), messages.WARNING)
            return None
        if keep is None:
            context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                       "speakers": speakers, "action": "merge"}  # fmt: skip
            return TemplateResponse(request, "admin/articles/speaker/merge.html", context)
        count = identity.merge_speakers(keep, speakers)
        message = ngettext("Merged %(count)d speaker into %(name)s.",
                           "Merged %(count)d speakers into %(name)s.", count)  # fmt: skip
        self.message_user(request, message % {"count": count, "name": keep}, messages.SUCCESS)
        return None

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
class EpisodeAdmin(HistoryAdmin):
    list_display = ["__str__", "show", "number", "air_date"]
    list_filter = [("show", admin.RelatedOnlyFieldListFilter), "air_date"]
    list_select_related = ["show"]
    search_fields = ["title", "number", "show__name", "key"]
    autocomplete_fields = ["show"]
    inlines = [AppearanceInline, ListenLinkInline]


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    form = SectionAdminForm
    list_display = ["__str__", "article", "kind", "number", "position"]
    list_filter = [ArticleFilter, "kind"]
    list_select_related = ["article"]
    search_fields = ["heading", "body"]
    raw_id_fields = ["article"]
    ordering = ["article", "position"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).defer(*ARTICLE_TEXT)
        if _viewing_list(request):  # (a deferred field would not be saved by a form)
            queryset = queryset.defer("body", "body_html")
        return queryset


@admin.register(Quote)
class QuoteAdmin(HistoryAdmin):
    """The quotes of one write-up (reached from its page) or of everyone, filtered,
    searched by their text, 50 a page; the speaker is picked by autocomplete."""

    form = QuoteAdminForm
    list_display = ["quote_text", "speaker", "kind", "status", "edited", "article"]
    list_display_links = ["quote_text"]
    list_filter = [ArticleFilter, SpeakerFilter, "kind", "status", "edited"]
    list_select_related = ["speaker", "article"]
    list_per_page = 50
    search_fields = ["text"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "section"]
    list_editable = ["status"]
    ordering = ["article", "position"]

    class Media:
        css = {"all": ["articles/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*ARTICLE_TEXT)

    @admin.display(description=_("quote"), ordering="text")
    def quote_text(self, obj):
        return obj.text

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
