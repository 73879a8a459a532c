"""Page parts rendered at save: what a page shows of its own row and of the rows it depends on,
stored as HTML so a request reads one row instead of rendering templates over many.

The apps say which writes make a part stale and render it again (blog/derived.py, the one
mechanism that keeps derived data in step). Two things a stored part cannot know are left to
the request: the address it is served from (absolute URLs hold ORIGIN until then) and the clock
(whether a post is live yet). A part rendered by another release (a deploy changed a template)
is rendered again when it is next read (`is_current`).
"""

import functools
import logging
import re
from urllib.parse import unquote

from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import resolve

from config.page_cache import tokens
from config.page_cache.deps import changed
from config.release import release

logger = logging.getLogger(__name__)

# Stands for scheme://host in stored parts (JSON-LD and og: URLs must be absolute); a private-use
# character, so no text a writer typed is taken for it.
ORIGIN = "\ue000origin\ue000"


# Where a stored document leaves room for what each request decides: a hole is filled with
# HTML, a section is kept or dropped whole (the draft notice, the related-articles block).
MARK = "\ue001"
HOLE = MARK + "{}" + MARK
MARKER = re.compile(MARK + "(?:(if|end) )?(\\w+)" + MARK)


def section(name: str, html: str) -> str:
    return f"{MARK}if {name}{MARK}{html}{MARK}end {name}{MARK}"


class PlaceholderRequest:
    """The request a stored part or document is rendered for: its address is ORIGIN, and its
    path the page's own (what base.html's canonical link and menu read)."""

    def __init__(self, path: str = "/"):
        # As a request has it: decoded (reverse() gives /frameworks/%D0%B4…/, request.path /frameworks/д…/).
        self.path = self.path_info = unquote(path)

    @functools.cached_property
    def resolver_match(self):
        return resolve(self.path)

    def build_absolute_uri(self, location: str) -> str:
        # As Django's: an address that is absolute already (media in a bucket) stays as it is.
        return location if "://" in location else f"{ORIGIN}{location}"


def request_origin(request) -> str:
    """scheme://host of a request; ORIGIN for the one a stored document is rendered for."""
    if isinstance(request, PlaceholderRequest):
        return ORIGIN
    return f"{request.scheme}://{request.get_host()}"


def render_part(template: str, context: dict) -> str:
    return render_to_string(template, {"origin": ORIGIN, **context})


def render_document(template: str, context: dict, *, path: str) -> str:
    """A whole page (base.html and all), rendered at save for the page at `path`; what a request
    decides is left as holes and sections (`fill`)."""
    return render_to_string(template, context, request=PlaceholderRequest(path))


@functools.lru_cache(maxsize=256)  # a comparison's is some 30 KB
def shared_document(template: str, path: str, **context: str) -> str:
    """A page no row stores (the home page, a tag's page), rendered once per process for what
    it is called with, holes left for its lists; kept by what it shows, so never stale."""
    return render_document(template, context, path=path)


@receiver(setting_changed)
def forget_shared_documents(**kwargs):
    shared_document.cache_clear()


def current_part(model, name: str, *, pk, release: str, stored: str) -> str:
    """A row's stored part `name` (`stored`, as read with the row's parts_release), drawn
    again, and stored, if another release stored it."""
    return stored if is_current(release) else fresh_parts(model, pk)[name]


def current_card(model, row) -> str:
    """A list row's card (a row with id, card_html and parts_release)."""
    return current_part(model, "card_html", pk=row.id, release=row.parts_release, stored=row.card_html)


def fill(document: str, request, *, shown=(), **holes: str) -> str:
    """A stored document as this request gets it: the sections named in `shown` kept, the others
    dropped, the holes filled, absolute URLs on this request's address. A mark that is not a
    marker, or a marker nobody filled (text a writer pasted from a page's source), stays as it is."""
    html, dropping, done = [], [], 0
    at = document.find(MARK)
    while at != -1:
        marker = MARKER.match(document, at)
        if marker is None:
            at = document.find(MARK, at + 1)
            continue
        if not any(dropping):
            html.append(document[done:at])
        done = marker.end()
        kind, name = marker.groups()
        if kind == "if":
            dropping.append(name not in shown)
        elif kind == "end":
            if dropping:
                dropping.pop()
        elif not any(dropping):
            html.append(holes.get(name, marker[0]))
        at = document.find(MARK, done)
    if not any(dropping):
        html.append(document[done:])
    return served_from("".join(html), request)


def served_from(html: str, request) -> str:
    """A stored part with its absolute URLs on the address this request came to."""
    return html.replace(ORIGIN, request_origin(request))


def is_current(parts_release_of_row: str) -> bool:
    return parts_release_of_row == release()


def store(instance) -> dict:
    """Render the parts of a row (a model with parts()), set them on it and write them to it;
    return them. update() sends no signal: its page and every list showing it change here."""
    parts = instance.parts()
    instance.__dict__.update(parts)
    type(instance)._base_manager.filter(pk=instance.pk).update(**parts)
    kind = instance._meta.model_name
    changed(tokens.row(kind, instance.pk), tokens.table(kind))
    return parts


def current_parts(objects) -> list:
    """These rows (of a model with parts() and store_parts()), those whose parts another release
    rendered (a deploy changed a template, an old backup was restored) with new ones, stored for
    the next reader. Almost always there is nothing to do."""
    objects = list(objects)
    for item in objects:
        if not is_current(item.parts_release):
            item.__dict__.update(fresh_parts(item._meta.concrete_model, item.pk))
    return objects


def fresh_parts(model, pk) -> dict:
    """The parts of this row rendered now, and stored for the next reader."""
    whole = model._base_manager.get(pk=pk)
    try:
        return whole.store_parts()
    except DatabaseError:  # a read-only database: shown as rendered now, stored another time
        logger.exception("Parts of %s %s not stored", model._meta.label, pk)
        return whole.parts()
