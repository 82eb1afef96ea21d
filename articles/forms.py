"""Admin form helpers."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Article


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


class UploadWriteupsForm(forms.Form):
    files = MultipleFileField(label=_("Markdown write-ups"), help_text=_("One or more .md files."))
    dry_run = forms.BooleanField(label=_("Dry run (write nothing)"), required=False)
    force = forms.BooleanField(label=_("Overwrite editors' changes"), required=False)


class ArticleAdminForm(forms.ModelForm):
    """Refuses a save over a newer write: optimistic locking on `Article.revision`.

    The check runs under a row lock inside the admin's transaction, so an import that
    reaches the same article either finished before (this form then reports the conflict)
    or waits until this save commits (and then reports the editor's change as its own
    conflict). Either way one side wins cleanly and nothing is silently undone.
    """

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "slug", "published", "updated", "description", "language", "draft",
                  "episode", "tags", "categories", "body"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("revision", flat=True)
                .first()
            )
            if current is not None and cleaned.get("seen_revision") != current:
                raise ValidationError(
                    _(
                        "Someone else saved this write-up (an import or another editor) "
                        "after you opened it, so your changes were not saved. Copy what you "
                        "need, reload the page and make your changes again."
                    ),
                    code="stale",
                )
        return cleaned
