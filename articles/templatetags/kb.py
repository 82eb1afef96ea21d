from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html

register = template.Library()

MARKS = {"en": ("“", "”"), "und": ("“", "”")}


@register.simple_tag
def quoted(quote, limit=None):
    """A quote's words in the quotation marks of its write-up's language: 「…」 or “…”."""
    opening, closing = MARKS.get(quote.article.language, ("「", "」"))
    text = truncatechars(quote.text, limit) if limit else quote.text
    return format_html("{}{}{}", opening, text, closing)
