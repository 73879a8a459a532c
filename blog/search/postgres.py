"""PostgreSQL: django.contrib.postgres.search with weighted vectors, ranking and headlines."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import QuerySet

from . import START, STOP

CONFIG = "english"


def ranked(documents: QuerySet, terms: list[str]) -> QuerySet:
    query = SearchQuery(" ".join(terms), search_type="plain", config=CONFIG)
    vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="B", config=CONFIG)
    marks = {"start_sel": START, "stop_sel": STOP, "config": CONFIG}
    return (
        documents.annotate(search=vector)
        .filter(search=query)
        .annotate(
            rank=SearchRank(vector, query),
            title_marked=SearchHeadline("title", query, highlight_all=True, **marks),
            snippet=SearchHeadline("text", query, max_words=35, min_words=15, **marks),
        )
        .order_by("-rank", "id")
    )
