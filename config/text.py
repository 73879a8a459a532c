"""The one boundary for stored text: no character that XML, PostgreSQL or UTF-8 cannot carry.

NUL and the other C0 controls (tab and newline aside), DEL, the C1 controls, lone surrogates and
the non-characters U+FFFE/U+FFFF are removed; carriage returns become newlines. SQLite would
keep them all and PostgreSQL refuses NUL, so without this the same content stores on one and
fails on the other; a feed holding one cannot be serialised at all.

`strip_controls` is applied to every text field of our models just before it is written
(`clean_text_fields`, a pre_save receiver: admin, importer, restore and shell alike; models whose
save() derives HTML or a card from their text call it first), and to all rendered HTML; the
importer also strips its source first, to tell the editor what it removed.
"""

import re
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from taggit.utils import _parse_tags

from config.stored_pages import MARK, ORIGIN

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> tuple[str, int]:
    """(the text without unstorable characters, how many were removed); CRLF and CR become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return UNSTORABLE.subn("", text)


def clean(value, *, written: bool = False):
    """The same for a str, or for every str inside a JSON value (keys included). `written`: text
    people write, which also loses the private-use characters stored pages mark their holes with
    (config/stored_pages.py), so no text can pass for a marker."""
    if isinstance(value, str):
        text = strip_controls(value)[0]
        return PAGE_MARKS.sub("", text) if written else text
    if isinstance(value, list):
        return [clean(item, written=written) for item in value]
    if isinstance(value, dict):
        return {clean(key, written=written): clean(item, written=written) for key, item in value.items()}
    return value


PAGE_MARKS = re.compile(f"[{ORIGIN[0]}{MARK}]")


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


# The apps whose rows hold content people write.
CONTENT_APPS = {"blog", "frameworks", "taggit"}


def clean_text_fields(sender, instance, **kwargs) -> None:
    """pre_save: whatever wrote this row, its text is storable everywhere."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, TEXT_FIELDS):
            value = getattr(instance, field.attname)
            if value is not None:
                # Derived fields (stored pages) keep their markers; what people write cannot hold one.
                setattr(instance, field.attname, clean(value, written=field.editable))


def tags_from_string(text: str) -> list[str]:
    """TAGGIT_TAGS_FROM_STRING: the admin's tag input, with names cleaned before taggit looks
    them up (cleaned only at save, "Ca\bfé" would be a new tag colliding with "Café")."""
    names = (strip_controls(name)[0].strip() for name in _parse_tags(text))
    return sorted({name for name in names if name})


def plain_text(html: str) -> str:
    return " ".join(unescape(strip_tags(html or "")).split())
