"""One slug rule for every name on the site (posts, entries, tags, authors), in any script.

Slugs keep the name's own letters (Django's `slugify(allow_unicode=True)`, which is also the rule
django-taggit and the admin's prepopulated fields follow): "Café" → "café", "日本語" → "日本語".
URLs carry them percent-encoded, as browsers do. A name with no letter or digit at all ("🎉",
"!!!") is spelled out by its characters' Unicode names ("party-popper"), so it still gets a
slug that is stable, readable and different from another such name's.
"""

import functools
import unicodedata

from django.urls import register_converter, reverse
from django.utils.text import slugify

# Characters that only shape a neighbour (emoji variation selectors, joiners): no name of their own.
SILENT = {"\u200d", "\ufe0e", "\ufe0f"}


def slug_for(name: str, *, max_length: int = 100) -> str:
    """The slug of a name: never empty, at most max_length characters, no trailing dash."""
    slug = slugify(name, allow_unicode=True) or spelled_out(name)
    return slug[:max_length].strip("-_") or "untitled"


def spelled_out(name: str) -> str:
    words = [unicodedata.name(char, f"u{ord(char):04x}") for char in name if not char.isspace() and char not in SILENT]
    return slugify(" ".join(words))


def fill_empty_slug(sender, instance, **kwargs) -> None:
    """pre_save: a row saved without a slug (a tag named "🎉", a post whose editor left the slug
    blank) gets one by the rule above, made unique with -2, -3… like the admin would ask for."""
    if instance.slug:
        return
    base = slug_for(str(instance), max_length=sender._meta.get_field("slug").max_length - 6)
    taken = set(sender._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    instance.slug = slug


class UnicodeSlugConverter:
    """`<uslug:slug>`: what slugify(allow_unicode=True) makes (letters and digits of any script,
    `-` and `_`). Django's own `slug` converter accepts ASCII only."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")


@functools.lru_cache(maxsize=8192)
def address(view_name: str, slug: str) -> str:
    """The path of a page named by its slug ("blog:detail", "frameworks:detail"). Kept: lists link
    ten posts per page from their rows, and reversing a URL costs more here than reading a row."""
    return reverse(view_name, kwargs={"slug": slug})
