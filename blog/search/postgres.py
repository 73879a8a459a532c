"""PostgreSQL: django.contrib.postgres.search with weighted vectors, ranking and headlines."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import QuerySet

from .marks import START, STOP

CONFIG = "english"


def search_query(terms: list[str]) -> SearchQuery:
    return SearchQuery(" ".join(terms), search_type="plain", config=CONFIG)


def ranked(documents: QuerySet, terms: list[str]) -> QuerySet:
    query = search_query(terms)
    vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="B", config=CONFIG)
    return (
        documents.annotate(search=vector)
        .filter(search=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "id")
    )


def marked(documents: QuerySet, terms: list[str]) -> QuerySet:
    """Headlines for one page of results (ts_headline re-reads each document's text)."""
    query = search_query(terms)
    marks = {"start_sel": START, "stop_sel": STOP, "config": CONFIG}
    return documents.annotate(
        title_marked=SearchHeadline("title", query, highlight_all=True, **marks),
        snippet=SearchHeadline("text", query, max_words=35, min_words=15, **marks),
    )
