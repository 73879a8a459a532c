"""What each cached page shows, and which writes make it stale: exact invalidation by tokens.

A page depends on *tokens*. Two kinds:

- one per row it showed: `post:7`, `framework:3`, `author:1`, `tag:12`. These are recorded by
  themselves: while a page renders, every Post, Framework, Author or Tag loaded from the
  database adds its token, so a template that starts showing something new needs no bookkeeping;
- one per set it listed, declared by the view because a new member is not a row it loaded:
  `list:post` (home, feeds, sitemap, search), `list:framework`, `list:tag`, `tag-posts:12`,
  `tag-frameworks:12` and `framework-posts:3` (the posts carrying a tag or covering an entry).

A page showing more than MAX_ROW_TOKENS rows of one kind depends on `table:post` (or
`table:framework`…) instead, which every write to that table moves.

Every write moves the tokens of what it touched (`WRITES`), at once and again when its
transaction commits; list tokens only when a row joins, leaves or moves in a list
(`LISTED_FIELDS`). A token's value is the time of its last move; a page is kept with the values
it was rendered under and served only while they all still hold. A page is not stored at all if
one of its tokens moved after (or just before: clocks of several servers differ a little) its
rendering began, since it may have read the rows as they were before that write committed.
"""

import contextvars
import functools
import time

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from .cache_guard import CacheUnavailable, call, key, new_epoch

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
        rows = {token for token in self.tokens if token.split(":")[0] in TRACKED_LABELS}
        if len(rows) <= MAX_ROW_TOKENS:
            return self.tokens
        return (self.tokens - rows) | {f"table:{token.split(':')[0]}" for token in rows}


def depends_on(*tokens: str) -> None:
    """Declare sets the page being rendered lists (outside a page render: nothing)."""
    recording = _recording.get()
    if recording is not None:
        recording.update(tokens)


def depending_on(*tokens: str):
    """The same, for a view we do not write (feeds, sitemaps): `depending_on("list:post")(view)`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            depends_on(*tokens)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def row_loaded(sender, instance, **kwargs) -> None:
    recording = _recording.get()
    if recording is not None and instance.pk is not None:
        recording.add(f"{sender._meta.model_name}:{instance.pk}")
    listed = LISTED_FIELDS.get(sender._meta.label_lower)
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
        # snapshot: none stored before now may be served (blog/cache_guard.py).
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


# Which writes move which tokens.


# What decides whether a row is in a list, and its place there: a save that changes one of these
# (or a creation, or a deletion) moves the list tokens, other saves only the row's own.
LISTED_FIELDS = {
    "blog.post": ("status", "published_at", "slug"),
    "frameworks.framework": ("status", "name", "slug"),
}


def listing_changed(instance) -> bool:
    listed = LISTED_FIELDS[instance._meta.label_lower]
    loaded = getattr(instance, "_page_deps_listed", None)
    return loaded is None or loaded != tuple(getattr(instance, field) for field in listed)


def _post_tokens(post, listing: bool) -> list[str]:
    from blog.models import Coverage

    tokens = [f"post:{post.pk}", "table:post"]
    if listing:
        tokens += ["list:post", *(f"tag-posts:{tag_id}" for tag_id in post.tags.values_list("id", flat=True))]
        framework_ids = Coverage.objects.filter(post_id=post.pk).values_list("framework_id", flat=True)
        tokens += [f"framework-posts:{framework_id}" for framework_id in framework_ids]
    return tokens


def _framework_tokens(framework, listing: bool) -> list[str]:
    return [f"framework:{framework.pk}", "table:framework", *(["list:framework"] if listing else [])]


def _tagged_item_tokens(item, listing: bool) -> list[str]:
    kind = item.content_type.model  # the tagged model's name: "post", "framework"
    return [f"{kind}:{item.object_id}", f"table:{kind}", f"list:{kind}", f"tag-{kind}s:{item.tag_id}", "list:tag"]


WRITES = {
    "blog.post": _post_tokens,
    "blog.faqitem": lambda faq, listing: [f"post:{faq.post_id}", "table:post"],
    "blog.coverage": lambda coverage, listing: [
        f"post:{coverage.post_id}",
        "table:post",
        f"framework-posts:{coverage.framework_id}",
    ],
    "blog.author": lambda author, listing: [f"author:{author.pk}", "table:author"],
    "frameworks.framework": _framework_tokens,
    "frameworks.pro": lambda point, listing: [f"framework:{point.framework_id}", "table:framework"],
    "frameworks.con": lambda point, listing: [f"framework:{point.framework_id}", "table:framework"],
    "taggit.tag": lambda tag, listing: [f"tag:{tag.pk}", "table:tag", "list:tag"],
    "taggit.taggeditem": _tagged_item_tokens,
}
TRACKED_LABELS = ("post", "framework", "author", "tag")


def written(sender, instance, created=False, **kwargs) -> None:
    label = sender._meta.label_lower
    listing = created or kwargs["signal"] is post_delete or (label in LISTED_FIELDS and listing_changed(instance))
    changed(*WRITES[label](instance, listing))
    if label in LISTED_FIELDS:
        row_loaded(sender, instance)  # saved: what is stored now is what the next save compares to


def relation_written(sender, instance, action, pk_set=None, **kwargs) -> None:
    """m2m changes made without saving the rows between (Django's `add`, `remove`, `clear`).
    taggit saves and deletes its rows one by one, which `written` sees; it also says "added"
    when nothing was."""
    label = instance._meta.label_lower
    if sender._meta.label_lower == "taggit.taggeditem" or label not in WRITES:
        return
    if action == "post_clear" or (action in ("post_add", "post_remove") and pk_set):
        changed(*WRITES[label](instance, True))


def connect() -> None:
    from django.apps import apps

    for label in WRITES:
        model = apps.get_model(label)
        post_save.connect(written, sender=model, dispatch_uid=f"page-deps-save-{label}")
        post_delete.connect(written, sender=model, dispatch_uid=f"page-deps-delete-{label}")
    for label in ("blog.post", "frameworks.framework", "blog.author", "taggit.tag"):
        post_init.connect(row_loaded, sender=apps.get_model(label), dispatch_uid=f"page-deps-load-{label}")
    m2m_changed.connect(relation_written, dispatch_uid="page-deps-m2m")
