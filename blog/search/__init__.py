"""Full-text search over published posts and entries.

SQLite: an FTS5 index (porter stemming) mirrors SearchDocument through triggers (migration 0002).
PostgreSQL: django.contrib.postgres.search over the same table. Both rank, highlight with
<mark>, and join back to published() so drafts never show.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from blog.models import Post, SearchDocument
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


def visible_documents() -> QuerySet:
    # EXISTS per match, not IN (every published post): SQLite built the list of all 10,000
    # published posts for each query, where a match's own post is one primary-key lookup.
    published_post = Post.objects.published().filter(pk=OuterRef("object_id"))
    published_framework = Framework.objects.published().filter(pk=OuterRef("object_id"))
    return SearchDocument.objects.filter(
        Q(Exists(published_post), kind=SearchDocument.Kind.POST)
        | Q(Exists(published_framework), kind=SearchDocument.Kind.FRAMEWORK)
    )


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def matching_documents(text: str) -> QuerySet:
    """Published documents matching the query, best first (paginate with ResultPages, then
    `results_for`). A word on every page of a big site is ranked among its newest
    SEARCH_CANDIDATES matches only: ranking costs per match (bm25 over 10,000 posts took 24 ms
    of SQLite's time alone), and a reader reads the first pages. (Drafts among those newest
    matches take places in it: the set is cut before the publication rule, which costs a lookup
    per match.)"""
    terms = query_terms(text)
    if not terms:
        return SearchDocument.objects.none()
    return backend().ranked(visible_documents(), terms, candidates=settings.SEARCH_CANDIDATES).only("kind", "object_id")


class ResultPages(Paginator):
    """Counts up to SEARCH_CANDIDATES (the page says "200+ results"), so a common word does
    not cost a count of every match."""

    @cached_property
    def count(self) -> int:
        # Unranked: counting needs no order, and the rank is scored per match.
        cap = settings.SEARCH_CANDIDATES
        return min(self.object_list.order_by().values("pk")[: cap + 1].count(), cap)

    @cached_property
    def capped(self) -> bool:
        return self.count >= settings.SEARCH_CANDIDATES


@dataclass
class Result:
    document: SearchDocument
    item: Post | Framework

    @property
    def title(self) -> SafeString:
        return highlighted(self.document.title_marked)

    @property
    def snippet(self) -> SafeString:
        return highlighted(self.document.snippet)


def results_for(documents, text: str) -> list[Result]:
    """One page of documents with their marked titles and snippets, and the posts and entries
    they stand for: one query for the marks, one per kind."""
    documents = list(documents)
    if not documents:
        return []
    marked = backend().marked(SearchDocument.objects.filter(pk__in=[d.pk for d in documents]), query_terms(text))
    marked = marked.in_bulk()
    documents = [marked[document.pk] for document in documents if document.pk in marked]
    ids = {kind: [d.object_id for d in documents if d.kind == kind] for kind in SearchDocument.Kind.values}
    # A result links to its item: the slug is all it reads (a post row holds its whole page).
    posts = Post.objects.filter(pk__in=ids["post"]).only("slug").in_bulk()
    frameworks = Framework.objects.filter(pk__in=ids["framework"]).only("slug").in_bulk()
    items = {"post": posts, "framework": frameworks}
    return [
        Result(document, items[document.kind][document.object_id])
        for document in documents
        if document.object_id in items[document.kind]
    ]
