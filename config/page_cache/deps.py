"""What each cached page shows, and which writes make it stale: exact invalidation by tokens.

A page depends on *tokens* (`tokens.py`). Two kinds:

- one per row it showed: `post:7`, `framework:3`, `author:1`, `tag:12`. These are recorded by
  themselves: while a page renders, every row of a model tracked with `recorded=True` that is
  loaded from the database adds its token, so a template that starts showing something new
  needs no bookkeeping;
- one per set it listed, declared by the view because a new member is not a row it loaded:
  `list:post` (home, feeds, sitemap, search), `list:framework`, `list:tag`, `tag-posts:12`,
  `tag-frameworks:12` and `framework-posts:3` (the posts carrying a tag or covering an entry).

A page showing more than MAX_ROW_TOKENS rows of one kind depends on `table:post` (or
`table:framework`…) instead, which every write to that table moves.

The apps that own the models say which tokens each write moves (`track()`, called from their
AppConfig.ready()): this module knows no model. Every write moves the tokens of what it touched,
at once and again when its transaction commits; list tokens only when a row joins, leaves or
moves in a list (a tracked model's `listed` fields). A token's value is the time of its last
move; a page is kept with the values it was rendered under and served only while they all still
hold. A page is not stored at all if one of its tokens moved after (or just before: clocks of
several servers differ a little) its rendering began, since it may have read the rows as they
were before that write committed.
"""

import contextvars
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from . import tokens as page_tokens
from .guard import CacheUnavailable, call, key, new_epoch

# Past this many rows a page (the sitemap, a long list) depends on the whole table instead.
MAX_ROW_TOKENS = 200

_recording: contextvars.ContextVar[set | None] = contextvars.ContextVar("page_deps", default=None)


# Recording, while a page renders.


class Recording:
    """The tokens a page depends on, gathered while it renders."""

    def __init__(self):
        self.started = clock()
        self.tokens: set[str] = set()

    def versions(self) -> dict[str, float]:
        # Tokens first seen now start just before the render, so the page may be stored.
        return versions(self.final_tokens(), initial=self.started - clock_margin() - 0.001)

    def __enter__(self):
        self._reset = _recording.set(self.tokens)
        return self

    def __exit__(self, *exc_info):
        _recording.reset(self._reset)

    def final_tokens(self) -> set[str]:
        kinds = {tracked.kind for tracked in TRACKED.values() if tracked.recorded}
        rows = {token for token in self.tokens if page_tokens.kind_of(token) in kinds}
        if len(rows) <= MAX_ROW_TOKENS:
            return self.tokens
        return (self.tokens - rows) | {page_tokens.table(page_tokens.kind_of(token)) for token in rows}


def depends_on(*tokens: str) -> None:
    """Declare sets the page being rendered lists (outside a page render: nothing)."""
    recording = _recording.get()
    if recording is not None:
        recording.update(tokens)


def depending_on(*tokens: str):
    """The same, for a view we do not write (feeds, sitemaps): `depending_on(tokens.POSTS)(view)`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            depends_on(*tokens)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def row_loaded(sender, instance, **kwargs) -> None:
    tracked = TRACKED[sender]
    recording = _recording.get()
    if recording is not None and instance.pk is not None:
        recording.add(page_tokens.row(tracked.kind, instance.pk))
    listed = tracked.listed
    if listed:
        # As loaded, to tell at save whether lists of these rows change (deferred fields: unknown).
        instance._page_deps_listed = tuple(instance.__dict__.get(field, DEFERRED) for field in listed)


DEFERRED = object()


# Reading and moving tokens.


def versions(tokens, *, initial: float) -> dict[str, float]:
    """Each token's current value. A token never moved (or evicted) starts at `initial`: the
    render's own time, so no page stored before the token was lost can match it again."""
    keys = {token_key(token): token for token in tokens}
    found = call("get_many", keys)
    for name in keys.keys() - found.keys():
        found[name] = initial if call("add", name, initial, None) else call("get", name, initial)
    return {keys[name]: value for name, value in found.items()}


def token_key(token: str) -> str:
    return key("token", token)


def clock() -> float:
    return time.time()


def move(tokens) -> None:
    now = clock()
    try:
        call("set_many", {token_key(token): now for token in tokens}, None)
    except CacheUnavailable:
        # Pages showing these rows may still be in the cache, or come back with it from a
        # snapshot: none stored before now may be served (guard.py).
        new_epoch()


def changed(*tokens: str) -> None:
    """These tokens move now, so no process serves the old pages from here on, and again when
    the transaction commits, so a page rendered meanwhile from the old rows is not kept either."""
    tokens = set(tokens)
    if tokens:
        move(tokens)
        transaction.on_commit(lambda: move(tokens))


def clock_margin() -> float:
    return getattr(settings, "PAGE_CACHE_CLOCK_SKEW", 0.1)


def fresh_enough(values: dict[str, float], started: float) -> bool:
    """Whether a page rendered from `started` under these token values may be stored."""
    return all(value < started - clock_margin() for value in values.values())


# Which writes move which tokens: declared by the apps that own the models.


@dataclass(frozen=True)
class Tracked:
    """A model whose writes reach cached pages.

    tokens(row, listing) -> the tokens a write of that row moves; `listing` is true when the
    write may change which lists the row is in (a creation, a deletion, or a change of one of
    the `listed` fields, compared with their values as loaded). `recorded`: pages showing a row
    of this model depend on its row token by themselves.
    """

    kind: str
    tokens: Callable[[object, bool], list[str]]
    listed: tuple[str, ...] = ()
    recorded: bool = False
    # A through model whose m2m changes save its rows one by one (taggit's): heard by `written`.
    saves_own_rows: bool = False


TRACKED: dict[type, Tracked] = {}
# When the next scheduled item goes live (a timestamp, or None): cached pages expire then.
SCHEDULES: list[Callable[[], float | None]] = []


def schedule(next_at: Callable[[], float | None]) -> None:
    """Register when scheduled content next goes live; call from AppConfig.ready()."""
    if next_at not in SCHEDULES:
        SCHEDULES.append(next_at)


def track(model, *, tokens: Callable[[object, bool], list[str]], listed=(), recorded=False, saves_own_rows=False):
    """Writes of this model move `tokens(row, listing)` (see Tracked); call from AppConfig.ready()."""
    label = model._meta.label_lower
    TRACKED[model] = Tracked(
        kind=model._meta.model_name,
        tokens=tokens,
        listed=tuple(listed),
        recorded=recorded,
        saves_own_rows=saves_own_rows,
    )
    post_save.connect(written, sender=model, dispatch_uid=f"page-deps-save-{label}")
    post_delete.connect(written, sender=model, dispatch_uid=f"page-deps-delete-{label}")
    if recorded or listed:
        post_init.connect(row_loaded, sender=model, dispatch_uid=f"page-deps-load-{label}")
    m2m_changed.connect(relation_written, dispatch_uid="page-deps-m2m")


def listing_changed(instance, listed: tuple[str, ...]) -> bool:
    loaded = getattr(instance, "_page_deps_listed", None)
    return loaded is None or loaded != tuple(getattr(instance, field) for field in listed)


def written(sender, instance, created=False, **kwargs) -> None:
    tracked = TRACKED[sender]
    listing = (
        created or kwargs["signal"] is post_delete or bool(tracked.listed and listing_changed(instance, tracked.listed))
    )
    changed(*tracked.tokens(instance, listing))
    if tracked.listed:
        row_loaded(sender, instance)  # saved: what is stored now is what the next save compares to


def relation_written(sender, instance, action, pk_set=None, **kwargs) -> None:
    """m2m changes made without saving the rows between (Django's `add`, `remove`, `clear`).
    A through model that is tracked itself (taggit's, which saves and deletes its rows one by one)
    is heard by `written`; taggit also says "added" when nothing was."""
    tracked = TRACKED.get(type(instance))
    through = TRACKED.get(sender)
    if tracked is None or (through is not None and through.saves_own_rows):
        return
    if action == "post_clear" or (action in ("post_add", "post_remove") and pk_set):
        changed(*tracked.tokens(instance, True))
