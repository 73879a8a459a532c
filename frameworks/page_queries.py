"""What an entry's page asks the database, prepared once per process (config/prepared.py): the
published entry at an address, the articles covering it and the entries it can be compared with."""

from django.db.models import IntegerField, Value

from config.prepared import PreparedQuery

from .models import DOCUMENT_FIELDS, Framework

# What a link to an article needs; how many an entry's page and its comparison columns list.
POST_LINK_FIELDS = ("id", "link_html", "parts_release")
COVERING = 10


def covering_posts(framework_id: int, *, now=None):
    """The latest published posts embedding this entry, as links show them, newest first (the
    posts app's `covering()`: its order and its index)."""
    return posts_model().objects.covering(framework_id, now).values_list(*POST_LINK_FIELDS, named=True)


def posts_model():
    # The posts app's model, reached through the relation it declares: frameworks imports no app.
    return Framework._meta.get_field("posts").related_model


published_document = PreparedQuery(
    lambda slug: Framework.objects.published().filter(slug=slug).values_list(*DOCUMENT_FIELDS)[:1]
)
# One more than shown: whether to offer "more articles".
latest_covering = PreparedQuery(lambda framework_id, now: covering_posts(framework_id, now=now)[: COVERING + 1])
compare_choices = PreparedQuery(
    lambda framework_id: Framework.objects.published().exclude(pk=framework_id).values_list("slug", "name")
)

# A comparison: its entries' stored columns, and the latest articles covering each, in two queries.
compared_entries = PreparedQuery(
    lambda slugs: (
        Framework.objects.published()
        .filter(slug__in=slugs)
        .values_list("id", "name", "slug", "column_html", "facts_json", "parts_release", named=True)
    )
)


def latest_covering_each(framework_ids, now) -> tuple[str, list]:
    """SQL for (entry, id, link_html, parts_release) of the COVERING latest published posts covering each
    entry: one branch per entry, each the entry page's list (the posts app's covering(), which stops
    at its last row; a window over every covering post cost 8 ms at 10,000 posts). Joined by hand:
    Django refuses LIMIT in the branches of a UNION on SQLite, which takes them in subqueries."""
    sql, params = [], []
    for number, framework_id in enumerate(framework_ids):
        branch = (
            posts_model()
            .objects.covering(framework_id, now)
            .annotate(entry=Value(framework_id, output_field=IntegerField()))
            .values_list("entry", *POST_LINK_FIELDS)[:COVERING]
        )
        branch_sql, branch_params = branch.query.get_compiler(using=branch.db).as_sql()
        sql.append(f"SELECT * FROM ({branch_sql}) AS entry_{number}")
        params += branch_params
    return " UNION ALL ".join(sql), params


covering_each = PreparedQuery(latest_covering_each)
