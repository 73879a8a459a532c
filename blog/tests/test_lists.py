"""Home page and tag pages: newest first, paginated, drafts absent, queries flat."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog import page_queries
from blog.page_queries import Spread

pytestmark = pytest.mark.django_db


def test_home_lists_published_posts_newest_first_each_title_a_link(client, make_post):
    old = make_post("Older post", published_at=timezone.now() - timezone.timedelta(days=3))
    new = make_post("Newer post", published_at=timezone.now() - timezone.timedelta(days=1))
    html = client.get("/").text
    assert html.index("Newer post") < html.index("Older post")
    assert f'href="{new.get_absolute_url()}"' in html and f'href="{old.get_absolute_url()}"' in html


def test_home_hides_drafts_and_scheduled_posts(client, make_post):
    make_post("Draft thoughts", status="draft")
    make_post("Tomorrow's news", published_at=timezone.now() + timezone.timedelta(days=1))
    html = client.get("/").text
    assert "Draft thoughts" not in html and "Tomorrow" not in html


def test_home_is_paginated(client, make_post):
    for _ in range(12):
        make_post()
    first, second = client.get("/"), client.get("/?page=2")
    assert first.text.count('class="card post-card"') == 10
    assert second.text.count('class="card post-card"') == 2
    assert 'href="?page=2"' in first.text
    assert client.get("/?page=99").status_code == 404


def test_home_shows_the_seed_article(client, seeded):
    assert "Top Python Web Development Frameworks in 2026" in client.get("/").text


@pytest.mark.parametrize("count", [1, 30])
def test_home_queries_do_not_grow_with_posts(client, make_post, django_assert_num_queries, count):
    for _ in range(count):
        make_post(tags=["web"])
    with django_assert_num_queries(1):  # the page's posts with their stored cards, one more than shown: no count
        client.get("/")


def test_tag_page_lists_posts_and_entries_with_that_tag(client, make_post, make_framework):
    make_post("Tagged post", tags=["async"])
    make_post("Untagged post")
    make_framework("Sanic", tags=["async"])
    html = client.get(reverse("blog:tag", kwargs={"slug": "async"})).text
    assert "Tagged post" in html and "Sanic" in html and "Untagged post" not in html


def test_tag_page_hides_drafts_and_is_404_when_only_drafts_carry_it(client, make_post, make_framework):
    make_post("Draft post", tags=["secret"], status="draft")
    make_framework("Draft entry", tags=["secret"], status="draft")
    assert client.get(reverse("blog:tag", kwargs={"slug": "secret"})).status_code == 404
    make_post("Public post", tags=["secret"])
    html = client.get(reverse("blog:tag", kwargs={"slug": "secret"})).text
    assert "Public post" in html and "Draft post" not in html and "Draft entry" not in html


def test_unknown_tag_is_404(client, db):
    assert client.get(reverse("blog:tag", kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_tag_page_queries_do_not_grow(client, make_post, make_framework, django_assert_num_queries, count):
    for _ in range(count):
        make_post(tags=["web"])
        make_framework(tags=["web"])
    # tag, a page of posts (one more than shown: no count), entries (stored cards all)
    with django_assert_num_queries(3):
        client.get(reverse("blog:tag", kwargs={"slug": "web"}))


def posts_query_of(client, url: str) -> tuple[int, str, str]:
    """(status, the cards shown in order, the SQL that read them)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    cards = re.findall(r'<a href="(/blog/post-\d+/)"', response.text)
    sql = next((query["sql"] for query in queries if "card_html" in query["sql"]), "")
    return response.status_code, " ".join(dict.fromkeys(cards)), sql


def test_a_tags_pages_are_the_same_whichever_way_they_are_read(client, make_post, monkeypatch):
    """A tag on many posts is read by walking the newest posts until a page is full, a rare one
    by collecting its posts: the same cards, pages and end either way (drafts, unlisted and
    scheduled posts skipped)."""
    for number in range(40):
        make_post(tags=["web"] if number % 3 else ["other"], status="draft" if number == 4 else "published",
                  listed=number != 7)  # fmt: skip
    make_post(tags=["web"], published_at=timezone.now() + timezone.timedelta(days=1))
    read = {}
    for way, spread in (("walk", Spread(tagged=10**6, posts=1)), ("collect", Spread(tagged=0, posts=10**6))):
        monkeypatch.setitem(page_queries._spreads, "web", (float("inf"), spread))
        read[way] = [posts_query_of(client, f"/tags/web/?page={number}") for number in (1, 2, 3, 4)]
    assert all("EXISTS" in sql for status, _, sql in read["walk"][:3])
    assert not any("EXISTS" in sql for status, _, sql in read["collect"])
    shown = [(status, cards) for status, cards, _ in read["walk"]]
    assert shown == [(status, cards) for status, cards, _ in read["collect"]]
    assert [status for status, _ in shown] == [200, 200, 200, 404] and len(shown[0][1].split()) == 10


def test_a_dense_tag_is_walked_and_a_rare_one_collected(client, make_post):
    for number in range(30):
        make_post(tags=["web", "rare"] if number == 5 else ["web"] if number % 3 else [])
    for slug in ("web", "rare"):
        client.get(f"/tags/{slug}/")  # counts the tag's spread
    assert "EXISTS" in posts_query_of(client, "/tags/web/")[2]
    assert "EXISTS" not in posts_query_of(client, "/tags/rare/")[2]


def test_home_cards_name_the_covered_entries_once_each_in_order(client, make_post, make_framework):
    make_framework("Alpha")
    make_framework("Beta")
    make_post("First", body="```framework beta\n```\n\n```framework alpha\n```")
    make_post("Second", body="```framework alpha\n```\n\n```framework beta\n```")
    html = client.get("/").text
    first, second = html.split(">First</a>")[1].split(">Second</a>")[0], html.split(">Second</a>")[1]
    assert first.count(">Alpha</a>") == 1 and first.count(">Beta</a>") == 1
    assert first.index(">Beta<") < first.index(">Alpha<")
    assert second.index(">Alpha<") < second.index(">Beta<")


@pytest.mark.parametrize(
    "url",
    [
        "/?page=abc",
        "/?page=-1",
        "/?page=99999999999999999999",
        "/blog/%3Cscript%3E/",
        "/tags/" + "x" * 500 + "/",
        "/frameworks/?page=%00",
        "/blog/../../etc/passwd",
    ],
)
def test_hostile_urls_get_a_404_never_a_500(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.text


def test_public_pages_refuse_posts(client, seeded):
    assert client.post("/", {"x": "y"}).status_code == 405


def test_tag_page_is_paginated(client, make_post):
    for _ in range(12):
        make_post(tags=["busy"])
    first = client.get(reverse("blog:tag", kwargs={"slug": "busy"}))
    assert first.text.count('class="card post-card"') == 10 and 'href="?page=2"' in first.text
    second = client.get(reverse("blog:tag", kwargs={"slug": "busy"}), {"page": 2})
    assert second.text.count('class="card post-card"') == 2
