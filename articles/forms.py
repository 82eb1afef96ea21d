"""Admin form helpers."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Article, Quote, Section


class AliasesField(forms.CharField):
    """A JSON list of aliases, edited as one alias a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        lines = (line.strip() for line in (value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class SpeakerForm(forms.ModelForm):
    aliases = AliasesField(required=False, help_text=_("Other spellings and scripts, one a line."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        return (
            [single(d, initial) for d in data]
            if isinstance(data, list | tuple)
            else [single(data, initial)]
        )


class UploadArticlesForm(forms.Form):
    files = MultipleFileField(label=_("Markdown write-ups"), help_text=_("One or more .md files."))
    dry_run = forms.BooleanField(label=_("Dry run (write nothing)"), required=False)
    force = forms.BooleanField(label=_("Overwrite editors' changes"), required=False)


STALE_MESSAGE = _(
    "Someone else saved this write-up (an import or another editor) after you opened it, "
    "so your changes were not saved. Copy what you need, reload the page and make your "
    "changes again."
)


class RevisionCheckedForm(forms.ModelForm):
    """Refuses a save over a newer write: optimistic locking on `Article.revision` (of the
    write-up itself, or of the one a section or quote belongs to).

    The check runs under a row lock inside the admin's transaction, so an import that
    reaches the same article either finished before (this form then reports the conflict)
    or waits until this save commits (and then reports the editor's change as its own
    conflict). Either way one side wins cleanly and nothing is silently undone.
    """

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def _article_id(self):
        return self.instance.pk if isinstance(self.instance, Article) else self.instance.article_id

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._article_id():
            self.fields["seen_revision"].initial = (
                Article.objects.filter(pk=self._article_id())
                .values_list("revision", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self._article_id():
            current = (
                Article.objects.select_for_update()
                .filter(pk=self._article_id())
                .values_list("revision", flat=True)
                .first()
            )
            if current is not None and cleaned.get("seen_revision") != current:
                raise ValidationError(STALE_MESSAGE, code="stale")
        return cleaned


class KeepsMarkdownAsWritten:
    """Markdown bodies are saved as written: a form's usual strip() would change every body
    that ends in a newline, which the next import would report as an editor's change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].strip = False


class ArticleAdminForm(RevisionCheckedForm):
    """The write-up's own fields. Its Markdown body is not edited here: it is what the
    sections were cut from, and editors correct the sections themselves."""

    class Meta:
        model = Article
        fields = ["title", "slug", "published", "updated", "description", "language", "draft",
                  "episode", "tags", "categories"]  # fmt: skip


QUOTE_FIELDS = ["article", "section", "speaker", "text", "position", "kind", "status", "timestamp"]


class QuoteEditsMixin:
    """Any editor change to a quote (speaker, text, kind, status, section, timestamp) marks
    it edited, so a re-import keeps it as it is; picking its speaker confirms it."""

    def save(self, commit=True):
        if self.instance.pk is None or self.changed_data:
            self.instance.edited = True
        if "speaker" in self.changed_data and self.instance.status == Quote.Status.AUTO:
            self.instance.status = Quote.Status.CONFIRMED
        return super().save(commit)


class QuoteForm(QuoteEditsMixin, forms.ModelForm):
    """In the write-up's inline and the quote list's bulk edit."""

    class Meta:
        model = Quote
        fields = QUOTE_FIELDS


class QuoteAdminForm(QuoteEditsMixin, RevisionCheckedForm):
    """On the quote's own page."""

    class Meta:
        model = Quote
        fields = QUOTE_FIELDS


SECTION_FIELDS = ["article", "position", "heading", "anchor", "kind", "number", "body"]


class SectionAdminForm(KeepsMarkdownAsWritten, RevisionCheckedForm):
    """On the section's own page."""

    class Meta:
        model = Section
        fields = SECTION_FIELDS
