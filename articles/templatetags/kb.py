from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html
from django.utils.translation import to_locale

register = template.Library()

MARKS = {"en": ("“", "”"), "und": ("“", "”")}


@register.simple_tag
def quoted(quote, limit=None):
    """A quote's words in the quotation marks of its write-up's language: 「…」 or “…”."""
    opening, closing = MARKS.get(quote.article.language, ("「", "」"))
    # Truncator walks every character; a text that fits needs none of it.
    text = truncatechars(quote.text, limit) if limit and len(quote.text) > limit else quote.text
    return format_html("{}{}{}", opening, text, closing)


@register.filter
def clock(seconds) -> str:
    """Seconds into an episode as a clock: 754 → 12:34, 3754 → 1:02:34."""
    if seconds in (None, ""):
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@register.filter
def bcp47(language_code: str) -> str:
    """Django's "zh-hant" as a `lang` attribute wants it: "zh-Hant"."""
    return to_locale(language_code).replace("_", "-")
