"""Every public page costs the same queries on a site of 10 posts and of 1,000, with the page
cache off: what a page shows of other rows is fetched in a fixed number of queries, never one per
post, tag or entry. The sites are filled as the benchmark fills them (bench/seed.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.seed import PAGES, seed

pytestmark = pytest.mark.django_db
PAGES_AT_SIZE = {**PAGES, "tag": "/tags/topic-{}/", "entry list": "/frameworks/", "feed": "/feed/"}
# Pinned: a change that adds a query to a page must say so here. The same at both sizes: posts'
# pages and cards are stored parts, so related posts come with the one query that ranks them;
# lists read one card more than they show instead of counting; the entry list also reads the kinds of
# facts it filters by.
QUERIES = {
    10: {"home": 1, "article": 2, "framework": 3, "comparison": 2, "tag": 3, "entry list": 4, "feed": 2, "search": 2},
    1000: {"home": 1, "article": 2, "framework": 3, "comparison": 2, "tag": 3, "entry list": 4, "feed": 2, "search": 2},
}


def queries_per_page(client) -> dict[str, int]:
    from taggit.models import Tag

    # A topic the synthetic posts carry (each takes two of twenty at random).
    topic = Tag.objects.filter(slug__startswith="topic-", taggit_taggeditem_items__isnull=False).first().slug
    counts = {}
    for name, url in PAGES_AT_SIZE.items():
        url = url.format(topic.removeprefix("topic-"))
        client.get(url)  # opens the connection, fills ContentType's cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("posts", [10, 1000])
def test_each_public_page_costs_the_same_queries_at_10_and_1000_posts(client, media_root, posts):
    seed(posts)
    counts = queries_per_page(client)
    assert counts == QUERIES[posts]
