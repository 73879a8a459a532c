"""What the article, home and tag pages ask the database, prepared once per process
(config/prepared.py): the published post at an address, the posts related to it, a page of the
listed posts (all, or a tag's), a tag, its entries."""

import time
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, ExpressionWrapper, F, Func, IntegerField, OuterRef, Subquery
from taggit.models import Tag, TaggedItem

from config.prepared import PreparedQuery
from frameworks.models import Framework

from .models import DOCUMENT_FIELDS, Post, post_path

published_document = PreparedQuery(
    lambda slug, now: Post.objects.published(now).filter(slug=slug).values_list(*DOCUMENT_FIELDS)[:1]
)
_related_cards = PreparedQuery(lambda now, **sources: Post.objects.listed(now).related_cards_sql(**sources))


def related_cards(post_id: int, related_from: dict, *, now) -> list[tuple[int, str, str]]:
    """(id, card_html, parts_release) of the listed posts sharing most with this one, best first.
    `related_from`: its stored tag and entry ids."""
    tags, entries = related_from.get("tags", []), related_from.get("entries", [])
    if not tags and not entries:
        return []
    # The content type only where the SQL reads it: a prepared query takes no value it drops.
    by_tag = {"content_type": ContentType.objects.get_for_model(Post).pk} if tags else {}
    return _related_cards(post_id=post_id, tags=tags, entries=entries, now=now, **by_tag)


class CardRow(NamedTuple):
    """A post as lists read it: its stored card, and its address and title for JSON-LD."""

    id: int
    title: str
    slug: str
    card_html: str
    parts_release: str

    def get_absolute_url(self) -> str:
        return post_path(self.slug)

    def __str__(self) -> str:
        return self.title


def listed_posts(now):
    return Post.objects.listed(now).order_by("-published_at", "-id")


def tagged(model, tag_id: int, content_type: int):
    """The ids of this model's rows carrying the tag (`content_type`: the model's, a value of the
    query, not compiled in: a restore may number content types anew)."""
    # `content_type_id + 0`: compared as is, SQLite walks taggit's (content type, object) index
    # through every tagging of every post (7 ms at 10,000 posts) instead of the tag's own.
    kind = ExpressionWrapper(F("content_type_id") + 0, output_field=IntegerField())
    return TaggedItem.objects.alias(kind=kind).filter(tag_id=tag_id, kind=content_type).values("object_id")


class CardPage:
    """A page of posts' cards, newest first, known without counting every post: one row more
    than it shows says whether there is an older page (counting 10,000 posts cost more than the
    rest of the page). What pagination.html reads of Django's Page, without the total."""

    def __init__(self, rows: list[CardRow], *, number: int, size: int):
        self.object_list, self.number, self.more = rows[:size], number, len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def window_of(posts) -> PreparedQuery:
    """Cards of `posts(**values)` from `start` to `stop`, prepared."""
    return PreparedQuery(
        lambda start, stop, **values: posts(**values).values_list(*CardRow._fields)[start:stop],
        shape=("start", "stop"),
        row=CardRow,
    )


_listed = window_of(listed_posts)
# A tag's posts, newest first, two ways to the same rows: collect the tag's posts, then take the
# newest (cost follows the tag's size); or walk the newest posts, probing each for the tag, until
# the page is full (cost follows how far apart its posts are). tagged_page() takes the cheaper.
_tagged = window_of(
    lambda now, tag_id, content_type: listed_posts(now).filter(id__in=tagged(Post, tag_id, content_type))
)
_tagged_walk = window_of(lambda now, tag_id, content_type: listed_posts(now).filter(carries_tag(tag_id, content_type)))


def card_page(window: PreparedQuery, number: int, *, size: int, **values) -> CardPage:
    start = (number - 1) * size
    return CardPage(window(start=start, stop=start + size + 1, **values), number=number, size=size)


def listed_page(number: int, *, size: int, now) -> CardPage:
    return card_page(_listed, number, size=size, now=now)


class TagRow(NamedTuple):
    id: int
    name: str
    slug: str


class Spread(NamedTuple):
    """How many posts carry a tag, of how many in all."""

    tagged: int
    posts: int


def counted(field: str) -> Func:
    # COUNT as a plain function: a subquery's one row, without the GROUP BY an aggregate brings.
    return Func(F(field), function="COUNT", output_field=IntegerField())


SPREAD_SECONDS, SPREAD_TAGS = 600, 4096
_spreads: dict[str, tuple[float, Spread]] = {}

_tag_row = PreparedQuery(lambda slug: Tag.objects.filter(slug=slug).values_list(*TagRow._fields)[:1], row=TagRow)
_tag_row_counted = PreparedQuery(
    lambda slug, content_type: (
        Tag.objects.filter(slug=slug)
        .annotate(
            tagged_posts=Subquery(
                tagged(Post, OuterRef("id"), content_type).annotate(n=counted("object_id")).values("n")
            ),
            all_posts=Subquery(Post.objects.order_by().annotate(n=counted("id")).values("n")),
        )
        .values_list(*TagRow._fields, "tagged_posts", "all_posts")[:1]
    )
)


def tag_row(slug: str) -> tuple[TagRow, Spread] | None:
    """The tag at this address and its spread, which chooses how its page is read (never what
    it shows, so a figure up to SPREAD_SECONDS old costs speed at worst): counted in the same
    query once per process and tag in that time."""
    now = time.monotonic()
    known = _spreads.get(slug)
    if known and known[0] > now:
        found = _tag_row(slug=slug)
        return (found[0], known[1]) if found else None
    found = _tag_row_counted(slug=slug, content_type=ContentType.objects.get_for_model(Post).pk)
    if not found:
        return None
    *tag, tagged_posts, all_posts = found[0]
    if len(_spreads) >= SPREAD_TAGS:  # a crawler walking every tag
        _spreads.clear()
    spread = Spread(tagged_posts or 0, all_posts or 0)
    _spreads[slug] = (now + SPREAD_SECONDS, spread)
    return TagRow(*tag), spread


def forget_spreads() -> None:
    _spreads.clear()


def tagged_page(tag_id: int, spread: Spread, number: int, *, size: int, now) -> CardPage:
    content_type = ContentType.objects.get_for_model(Post).pk
    # Walking, a page ending at row `stop` probes about stop × posts / tagged posts; collecting
    # reads every tagged row: at 10,000 posts, a tag on one in ten, page 1: 0.05 ms against 0.19.
    stop = number * size + 1
    window = _tagged_walk if stop * spread.posts < spread.tagged * spread.tagged else _tagged
    return card_page(window, number, size=size, now=now, tag_id=tag_id, content_type=content_type)


def carries_tag(tag_id: int, content_type: int):
    """Whether the row carries the tag: a probe of taggit's (content type, object, tag) index per
    row. For entries, which are few (walking the tag's taggings would read every post it tags),
    and for the posts of a tag on many of them (_tagged_walk)."""
    taggings = TaggedItem.objects.filter(content_type_id=content_type, object_id=OuterRef("pk"), tag_id=tag_id)
    return Exists(taggings)


_tagged_frameworks = PreparedQuery(
    lambda tag_id, content_type: (
        Framework.objects.published()
        .filter(carries_tag(tag_id, content_type))
        .values_list("id", "card_html", "parts_release", named=True)
    )
)


def tagged_frameworks(tag_id: int) -> list:
    return _tagged_frameworks(tag_id=tag_id, content_type=ContentType.objects.get_for_model(Framework).pk)
