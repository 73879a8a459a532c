"""SQLite FTS5: match, bm25 rank (titles weigh ten times the text) and snippets."""

from django.db.models import QuerySet

from .marks import START, STOP

TABLE = "blog_search_fts"


def match_value(terms: list[str]) -> str:
    """The MATCH expression: every term must occur; the last one may be the start of a word.
    Terms are \\w+ only."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def ranked(documents: QuerySet, match: str, *, candidates: int) -> tuple[str, list]:
    """SQL and parameters for (id, kind, object_id) of this queryset's documents among the newest
    `candidates` matches, best first (run prepared: blog/search). SQL because the ORM cannot
    join a subquery with a LIMIT of its own.

    One MATCH: FTS5 walks the matches newest first (its rowid order, no sort) and stops after
    `candidates`, scoring only those; the queryset's conditions (the publication rule) then
    apply to them. (A word's prefix is expanded once per MATCH: at 10,000 posts, 1 ms.)"""
    rows, params = documents.values_list("id", "kind", "object_id").query.get_compiler(using=documents.db).as_sql()
    sql = (
        f"SELECT d.id, d.kind, d.object_id FROM (SELECT rowid AS id, bm25({TABLE}, 10.0, 1.0) AS rank "
        f"FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s) AS newest "
        f"JOIN ({rows}) AS d ON d.id = newest.id "
        "ORDER BY newest.rank, newest.id DESC"  # bm25: lower is better; of equals, the newest first
    )
    return sql, [match, candidates, *params]


def marked(documents: QuerySet, match: str, ids: list[int]) -> QuerySet:
    """Highlighted titles and snippets of these documents (one page of results: SQLite would
    otherwise make a snippet for every match before sorting).

    One MATCH over the page's range of rowids, the page's ids kept by a test FTS5 is not offered
    (`+`): given `rowid IN (…)`, FTS5 runs the MATCH again for each id, and a word's prefix is
    expanded each time (10 ms for a page at 10,000 posts, against 1.5)."""
    in_list = ", ".join(["%s"] * len(ids))
    bounds = ", ".join(["%s"] * (len(ids) + 1))  # two arguments at least: min(x) alone is the aggregate
    return documents.extra(
        select={
            "title_marked": f"highlight({TABLE}, 0, %s, %s)",
            "snippet": f"snippet({TABLE}, 1, %s, %s, '…', 24)",
        },
        select_params=[START, STOP, START, STOP],
        tables=[TABLE],
        where=[
            f"{TABLE}.rowid = blog_searchdocument.id",
            f"{TABLE} MATCH %s",
            f"{TABLE}.rowid BETWEEN min({bounds}) AND max({bounds})",
            f"+{TABLE}.rowid IN ({in_list})",
        ],
        params=[match, *ids, ids[0], *ids, ids[0], *ids],
    )
