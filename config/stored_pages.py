"""Page parts rendered at save: what a page shows of its own row and of the rows it depends on,
stored as HTML so a request reads one row instead of rendering templates over many.

The apps say which writes make a part stale and render it again (blog/derived.py, the one
mechanism that keeps derived data in step). Two things a stored part cannot know are left to
the request: the address it is served from (absolute URLs hold ORIGIN until then) and the clock
(whether a post is live yet). A part rendered by another release (a deploy changed a template)
is rendered again when it is next read (`is_current`).
"""

import logging

from django.db import DatabaseError
from django.template.loader import render_to_string

from config.page_cache import tokens
from config.page_cache.deps import changed
from config.release import release

logger = logging.getLogger(__name__)

# Stands for scheme://host in stored parts (JSON-LD and og: URLs must be absolute); a private-use
# character, so no text a writer typed is taken for it.
ORIGIN = "\ue000origin\ue000"


class PlaceholderRequest:
    """What structured_data asks of a request, answered with ORIGIN."""

    def build_absolute_uri(self, location: str) -> str:
        # As Django's: an address that is absolute already (media in a bucket) stays as it is.
        return location if "://" in location else f"{ORIGIN}{location}"


def render_part(template: str, context: dict) -> str:
    return render_to_string(template, {"origin": ORIGIN, **context})


def served_from(html: str, request) -> str:
    """A stored part with its absolute URLs on the address this request came to."""
    return html.replace(ORIGIN, f"{request.scheme}://{request.get_host()}")


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
            whole = item._meta.concrete_model._base_manager.get(pk=item.pk)
            try:
                parts = whole.store_parts()
            except DatabaseError:  # a read-only database: shown as rendered now, stored another time
                logger.exception("Parts of %s %s not stored", item._meta.label, item.pk)
                parts = whole.parts()
            item.__dict__.update(parts)
    return objects
