"""The compare picker's choices, one per published entry: a site with a hundred entries renders
a hundred of them on every entry page, so they are built here with the standard library's
escape (what Django's escape does, minus its lazy-string wrapper, which cost most of the page),
not by the template engine's loop."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def compare_options(choices):
    """<option>s of (slug, name) pairs, for the select beside one entry."""
    return mark_safe("".join(f'<option value="{escape(slug)}">{escape(name)}</option>' for slug, name in choices))


@register.simple_tag
def compare_checkboxes(choices, chosen=()):
    """Checkboxes of (slug, name) pairs, ticked where chosen, for picking two to four."""
    chosen = set(chosen or ())
    return mark_safe(
        "".join(
            f'<label class="choice"><input type="checkbox" name="f" value="{escape(slug)}"'
            f"{' checked' if slug in chosen else ''}> {escape(name)}</label>"
            for slug, name in choices
        )
    )
