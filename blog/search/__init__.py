"""Full-text search over published posts and entries.

SQLite: an FTS5 index (porter stemming) mirrors SearchDocument through triggers (migration 0002).
PostgreSQL: django.contrib.postgres.search over the same table. Both rank, highlight with
<mark>, and join back to published() so drafts never show.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
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
    published_posts = Post.objects.published().values("pk")
    published_frameworks = Framework.objects.published().values("pk")
    return SearchDocument.objects.filter(
        Q(kind=SearchDocument.Kind.POST, object_id__in=published_posts)
        | Q(kind=SearchDocument.Kind.FRAMEWORK, object_id__in=published_frameworks)
    )


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def matching_documents(text: str) -> QuerySet:
    """Published documents matching the query, best first (paginate, then `results_for`)."""
    terms = query_terms(text)
    if not terms:
        return SearchDocument.objects.none()
    return backend().ranked(visible_documents(), terms).only("kind", "object_id")


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
    posts = Post.objects.filter(pk__in=ids["post"]).select_related("author").in_bulk()
    frameworks = Framework.objects.filter(pk__in=ids["framework"]).in_bulk()
    items = {"post": posts, "framework": frameworks}
    return [
        Result(document, items[document.kind][document.object_id])
        for document in documents
        if document.object_id in items[document.kind]
    ]
