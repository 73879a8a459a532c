"""Full-text search over published posts and entries.

SQLite: an FTS5 index (porter stemming) mirrors SearchDocument through triggers (migration 0002).
PostgreSQL: django.contrib.postgres.search over the same table. Both rank, highlight with
<mark>, and join back to published() so drafts never show.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from blog.models import Post, SearchDocument
from config.prepared import PreparedQuery
from config.slugs import address
from frameworks.models import Framework

from . import postgres, sqlite
from .marks import START, STOP

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def query_terms(text: str) -> list[str]:
    """The words of a reader's query; everything else (quotes, operators, markup) is dropped."""
    return re.findall(r"\w+", (text or "")[:MAX_QUERY_LENGTH])[:MAX_TERMS]


def highlighted(text: str) -> SafeString:
    """Escape the text, then turn the backend's match markers into <mark>."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def visible_documents(now=None) -> QuerySet:
    # EXISTS per match, not IN (every published post): SQLite built the list of all 10,000
    # published posts for each query, where a match's own post is one primary-key lookup.
    published_post = Post.objects.published(now).filter(pk=OuterRef("object_id"))
    published_framework = Framework.objects.published().filter(pk=OuterRef("object_id"))
    return SearchDocument.objects.filter(
        Q(Exists(published_post), kind=SearchDocument.Kind.POST)
        | Q(Exists(published_framework), kind=SearchDocument.Kind.FRAMEWORK)
    )


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


# The published documents matching the query, best first: all of its candidates, as SQLite
# ranks them all anyway before a LIMIT, and their number is the count the page shows. A word
# on every page of a big site is ranked among its newest `candidates` matches only
# (SEARCH_CANDIDATES): ranking costs per match (bm25 over 10,000 posts took 24 ms of SQLite's
# time alone), and a reader reads the first pages. (Drafts among those newest matches take
# places in it: the set is cut before the publication rule, which costs a lookup per match.)
class Ranked(NamedTuple):
    id: int
    kind: str
    object_id: int


_ranked = PreparedQuery(
    lambda match, now, candidates: backend().ranked(visible_documents(now), match, candidates=candidates),
    shape=("candidates",),
    row=Ranked,
)
# The marked title and snippet of each document on the page, and the slug of what it stands
# for (None if that is gone).
_item_slug = Case(
    When(kind=SearchDocument.Kind.POST, then=Subquery(Post.objects.filter(pk=OuterRef("object_id")).values("slug"))),
    default=Subquery(Framework.objects.filter(pk=OuterRef("object_id")).values("slug")),
)
_marked = PreparedQuery(
    lambda match, ids: (
        backend()
        .marked(SearchDocument.objects.all(), match, ids)
        .annotate(slug=_item_slug)
        .values_list("id", "title_marked", "snippet", "slug")
    )
)


@dataclass(frozen=True)
class Result:
    kind: str  # how readers call it: "Article", "Framework"
    url: str
    title: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class ResultPage:
    """A page of results, as pagination.html reads a page (`paginator.num_pages` included)."""

    results: list[Result]
    number: int
    count: int  # up to SEARCH_CANDIDATES: the page says "200+ results" past it
    size: int

    @property
    def capped(self) -> bool:
        return self.count >= settings.SEARCH_CANDIDATES

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def paginator(self):
        return self

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


KIND_LABELS = dict(SearchDocument.Kind.choices)
ITEM_PATHS = {SearchDocument.Kind.POST: "blog:detail", SearchDocument.Kind.FRAMEWORK: "frameworks:detail"}


def search(text: str, *, number: int, size: int, now) -> ResultPage:
    """Page `number` of what matches the reader's text: two queries, each compiled once per
    process (config/prepared.py)."""
    terms = query_terms(text)
    if not terms:
        return ResultPage([], number, 0, size)
    match = backend().match_value(terms)
    candidates = settings.SEARCH_CANDIDATES
    ranked = _ranked(match=match, now=now, candidates=candidates)
    shown = ranked[(number - 1) * size : number * size]
    if not shown:
        return ResultPage([], number, 0, size)
    marks = {row.id: row for row in _marked(match=match, ids=[row.id for row in shown])}
    results = [
        Result(
            KIND_LABELS[row.kind],
            address(ITEM_PATHS[row.kind], mark.slug),
            highlighted(mark.title_marked),
            highlighted(mark.snippet),
        )
        for row in shown
        if (mark := marks.get(row.id)) is not None and mark.slug is not None
    ]
    return ResultPage(results, number, len(ranked), size)
