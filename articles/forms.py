"""Admin form helpers."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
