"""PostgreSQL: django.contrib.postgres.search with weighted vectors, ranking and headlines."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import QuerySet, Subquery
from django.db.models.functions import Coalesce

from .marks import START, STOP

CONFIG = "english"


def match_value(terms: list[str]) -> str:
    return " ".join(terms)


def search_query(match: str) -> SearchQuery:
    return SearchQuery(match, search_type="plain", config=CONFIG)


def ranked(documents: QuerySet, match: str, *, candidates: int) -> QuerySet:
    """The newest `candidates` matches, ranked (as SQLite's; here the boundary is taken among the
    published ones). The vectors are made per query: a stored tsvector column with a GIN index
    would spare that, not done yet. (id, kind, object_id), best first."""
    query = search_query(match)
    vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="B", config=CONFIG)
    matches = documents.annotate(search=vector).filter(search=query)
    newest = matches.order_by("-id").values("id")[candidates - 1 : candidates]
    return (
        matches.filter(id__gte=Coalesce(Subquery(newest), 0))
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-id")
        .values_list("id", "kind", "object_id")
    )


def marked(documents: QuerySet, match: str, ids: list[int]) -> QuerySet:
    """Headlines for these documents, one page of results (ts_headline re-reads each text)."""
    query = search_query(match)
    marks = {"start_sel": START, "stop_sel": STOP, "config": CONFIG}
    return documents.filter(pk__in=ids).annotate(
        title_marked=SearchHeadline("title", query, highlight_all=True, **marks),
        snippet=SearchHeadline("text", query, max_words=35, min_words=15, **marks),
    )
