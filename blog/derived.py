"""The copies blog keeps of other rows, brought in step after any write: articles' rendered
embeds (an entry's text lives in the entry; each article stores it rendered), the stored
parts of posts (their card, article and head show their author, tags, FAQ and entries:
Post.parts()) and of entries (their tags, pros and cons: Framework.parts()), and the search
documents of posts and entries.

Receivers (`receivers.py`) say what needs doing with `need()`. Outside a batch it is done at
once, inside the write's transaction. Inside `batched()` (every request, through
`BatchedDerivedMiddleware`; the importer) it is collected and done once at the end: an admin
save of an entry with three changed pros re-renders each article once, and an admin save of a
post writes its search document once, not once per tag.

Raw saves (loaddata, a restore, a revision revert) arrive in any order and carry their own
derived fields: they are acted on only inside a batch, when every row of the operation is in (a
revision reverted in the admin; `manage.py loaddata`, which blog wraps in one). A backup restore
uses Django's own loaddata: its rows are the whole site, copies included. `manage.py rerender`
brings everything in step after any other raw write (a revision reverted in a shell).
"""

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from django.db import DatabaseError, transaction

from frameworks.models import Framework

from .models import Post
from .search.index import search_index_frameworks, search_index_posts
from .services import posts_rerender, posts_store_parts

logger = logging.getLogger(__name__)


@dataclass
class Pending:
    index_posts: set = field(default_factory=set)
    index_frameworks: set = field(default_factory=set)
    # Posts embedding these entries, and these posts, are rendered again (and indexed).
    rerender_embedding: set = field(default_factory=set)
    rerender_posts: set = field(default_factory=set)
    # Posts saved (so rendered) since the last entry change in this batch: not rendered again.
    fresh_posts: set = field(default_factory=set)
    # Posts and entries whose stored parts show a row that changed (a tag, the author, an FAQ
    # item; a pro or con).
    store_parts: set = field(default_factory=set)
    store_framework_parts: set = field(default_factory=set)

    def __bool__(self) -> bool:
        return any(getattr(self, item.name) for item in fields(self))

    def merge(self, other: "Pending") -> None:
        if other.rerender_embedding or other.rerender_posts:
            self.fresh_posts.clear()  # an entry changed after those saves: their HTML is old
        for item in fields(self):
            getattr(self, item.name).update(getattr(other, item.name))


_batch: contextvars.ContextVar[Pending | None] = contextvars.ContextVar("derived_batch", default=None)


def in_batch() -> bool:
    return _batch.get() is not None


def need(**ids) -> None:
    """index_posts=, index_frameworks=, rerender_embedding=, rerender_posts=, fresh_posts=,
    store_parts=, store_framework_parts=: sets of ids (fresh_posts: posts just saved, which
    rendered themselves)."""
    work = Pending(**{name: set(value) for name, value in ids.items()})
    batch = _batch.get()
    if batch is not None:
        batch.merge(work)
    else:
        bring_in_step(work)


@contextmanager
def collecting():
    """What writes inside need, collected (not done) into the Pending this yields."""
    batch = Pending()
    reset = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(reset)


@contextmanager
def batched():
    """Collect what writes inside need; do it once when the block ends without an error."""
    if _batch.get() is not None:  # nested: the outer batch does it
        yield
        return
    with collecting() as batch:
        yield
    bring_in_step(batch)


def bring_in_step(work: Pending) -> None:
    if work:  # most requests write nothing: no transaction, no query
        with transaction.atomic():
            rerender_and_index(work)


def rerender_and_index(work: Pending) -> None:
    posts = Post.objects.filter(pk__in=work.rerender_posts)
    if work.rerender_embedding:
        posts = posts | Post.objects.filter(frameworks__in=work.rerender_embedding)
    rerendered = set(
        posts_rerender(posts=posts.exclude(pk__in=work.fresh_posts).distinct())
    )  # indexes each post it renders, and stores its parts
    posts_store_parts(post_ids=work.store_parts - rerendered)
    for framework in Framework.objects.filter(pk__in=work.store_framework_parts):
        framework.store_parts()
    search_index_posts(post_ids=work.index_posts - rerendered)
    search_index_frameworks(framework_ids=work.index_frameworks)


class BatchedDerivedMiddleware:
    """One batch per request: whatever the admin (or any view) saves, derived copies are brought
    in step once, after the view, before the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting() as batch:
            response = self.get_response(request)
        try:
            bring_in_step(batch)
        except DatabaseError:
            # The save itself is committed; its copies lag until the next write or `rerender`.
            logger.exception("Derived data not brought in step after %s", request.path)
        return response
