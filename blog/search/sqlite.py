"""SQLite FTS5: match, bm25 rank (titles weigh ten times the text) and snippets."""

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from . import START, STOP

TABLE = "blog_search_fts"


def match_expression(terms: list[str]) -> str:
    """Every term must occur; the last one may be the start of a word. Terms are \\w+ only."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def ranked(documents: QuerySet, terms: list[str]) -> QuerySet:
    match = match_expression(terms)
    row = f"{TABLE}.rowid = blog_searchdocument.id AND {TABLE} MATCH %s"
    return (
        documents.filter(id__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match]))
        .annotate(
            rank=RawSQL(f"SELECT bm25({TABLE}, 10.0, 1.0) FROM {TABLE} WHERE {row}", [match]),
            title_marked=RawSQL(f"SELECT highlight({TABLE}, 0, %s, %s) FROM {TABLE} WHERE {row}", [START, STOP, match]),
            snippet=RawSQL(
                f"SELECT snippet({TABLE}, 1, %s, %s, '…', 24) FROM {TABLE} WHERE {row}", [START, STOP, match]
            ),
        )
        .order_by("rank", "id")  # bm25: lower is better
    )
