"""SQLite FTS5: match, bm25 rank (titles weigh ten times the text) and snippets."""

from django.db.models import QuerySet

from .marks import START, STOP

TABLE = "blog_search_fts"


def match_expression(terms: list[str]) -> str:
    """Every term must occur; the last one may be the start of a word. Terms are \\w+ only."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def ranked(documents: QuerySet, terms: list[str], *, candidates: int) -> QuerySet:
    # A join, not a subquery per row: FTS5 would run the MATCH again for every matching document.
    # Only the newest `candidates` matches are ranked: FTS5 finds the boundary in rowid order
    # (newest first) without scoring, and a rowid range is a constraint it applies while matching.
    expression = match_expression(terms)
    newest = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s"
    return documents.extra(
        select={"rank": f"bm25({TABLE}, 10.0, 1.0)"},
        tables=[TABLE],
        where=[
            f"{TABLE}.rowid = blog_searchdocument.id",
            f"{TABLE} MATCH %s",
            f"{TABLE}.rowid >= COALESCE(({newest}), 0)",
        ],
        params=[expression, expression, candidates - 1],
    ).order_by("rank", "-id")  # bm25: lower is better; of equals, the newest first


def marked(documents: QuerySet, terms: list[str]) -> QuerySet:
    """Highlighted titles and snippets: for one page of results only, as SQLite would otherwise
    make a snippet for every match before sorting."""
    return documents.extra(
        select={
            "title_marked": f"highlight({TABLE}, 0, %s, %s)",
            "snippet": f"snippet({TABLE}, 1, %s, %s, '…', 24)",
        },
        select_params=[START, STOP, START, STOP],
        tables=[TABLE],
        where=[f"{TABLE}.rowid = blog_searchdocument.id", f"{TABLE} MATCH %s"],
        params=[match_expression(terms)],
    )
