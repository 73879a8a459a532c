"""Framework entry pages: what a reader sees, drafts hidden, queries flat."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from conftest import SEED_FRAMEWORKS
from frameworks.comparisons import comparison_url
from frameworks.models import Framework
from frameworks.page_queries import covering_posts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", SEED_FRAMEWORKS)
def test_each_seed_entry_page_holds_tagline_every_pro_and_every_con(client, seeded, slug):
    framework = Framework.objects.get(slug=slug)
    response = client.get(reverse("frameworks:detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert framework.tagline.replace("&", "&amp;") in response.text
    for point in [*framework.pros.all(), *framework.cons.all()]:
        assert f"<strong>{point.label}</strong>: {point.text_html}" in response.text


def test_entry_page_shows_description_closing_notes_website_and_covering_posts(client, seeded):
    response = client.get(reverse("frameworks:detail", kwargs={"slug": "fastapi"}))
    assert "is a modern backend framework that has gained significant popularity" in response.text
    assert "extends FastAPI by adding a frontend layer" in response.text
    assert 'href="https://fastapi.tiangolo.com"' in response.text
    assert f'href="{seeded.post.get_absolute_url()}"' in response.text


def test_entry_page_lists_the_latest_ten_covering_articles_and_leads_to_the_rest(client, make_framework, make_post):
    make_framework("Litestar")
    posts = [make_post(body="```framework litestar\n```") for _ in range(11)]  # newest first
    response = client.get("/frameworks/litestar/")
    shown = [post for post in posts if f'href="{post.get_absolute_url()}"' in response.text]
    assert shown == posts[:10]
    assert 'href="/search/?q=Litestar">More articles about Litestar' in response.text
    make_framework("Sanic")
    comparison = client.get(comparison_url(["litestar", "sanic"])).text  # its column lists as many
    assert posts[0].get_absolute_url() in comparison and posts[10].get_absolute_url() not in comparison


def covering_order(client, url: str, posts) -> list:
    page = client.get(url).text
    return sorted((post for post in posts if post.get_absolute_url() in page),
                  key=lambda post: page.index(f'href="{post.get_absolute_url()}"'))  # fmt: skip


def test_a_post_moved_in_time_moves_in_the_covering_lists(client, make_framework, make_post):
    """The lists are read in an index of copied dates (Coverage.published_at): a save that
    changes the date must reorder them, on the entry's page and in its comparison column."""
    make_framework("Litestar")
    make_framework("Sanic")
    newest, middle, oldest = posts = [make_post(body="```framework litestar\n```") for _ in range(3)]
    oldest.published_at = timezone.now() - timezone.timedelta(minutes=1)
    oldest.save()
    assert covering_order(client, "/frameworks/litestar/", posts) == [oldest, newest, middle]
    assert covering_order(client, comparison_url(["litestar", "sanic"]), posts) == [oldest, newest, middle]


def test_dates_written_without_save_are_followed_after_rerender(client, make_framework, make_post):
    """QuerySet.update() sends no signal: `manage.py rerender` (for such writes) brings the copied
    dates in step; until then no post is shown that published() would hide."""
    make_framework("Litestar")
    newest, oldest = posts = [make_post(body="```framework litestar\n```") for _ in range(2)]
    Post.objects.filter(pk=newest.pk).update(published_at=timezone.now() + timezone.timedelta(days=1))
    assert covering_order(client, "/frameworks/litestar/", posts) == [oldest]  # scheduled: hidden at once
    Post.objects.filter(pk=newest.pk).update(published_at=timezone.now() - timezone.timedelta(days=3))
    call_command("rerender", stdout=io.StringIO())
    assert covering_order(client, "/frameworks/litestar/", posts) == [oldest, newest]


def test_covering_lists_are_read_in_order_from_an_index_not_sorted(make_framework, make_post):
    """What keeps the entry page and a comparison flat as the site grows: SQLite walks the
    (entry, date, post) index newest first and stops at the page's last row."""
    framework = make_framework("Litestar")
    make_post(body="```framework litestar\n```")
    for query in (covering_posts(framework.pk, now=timezone.now()),):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = " / ".join(row[-1] for row in cursor.fetchall())
                assert "coverage_newest_first" in plan and "TEMP B-TREE" not in plan, plan
            cursor.execute(sql, params)
            assert len(cursor.fetchall()) == 1


def test_entry_page_shows_tags_linking_to_tag_pages(client, make_framework):
    framework = make_framework("Litestar", tags=["async"])
    response = client.get(framework.get_absolute_url())
    assert 'href="/tags/async/"' in response.text


def test_list_shows_published_entries_only(client, make_framework):
    make_framework("Visible One")
    make_framework("Hidden One", status="draft")
    response = client.get(reverse("frameworks:list"))
    assert "Visible One" in response.text and "Hidden One" not in response.text


def test_anonymous_reader_gets_404_for_a_draft_entry(client, make_framework):
    framework = make_framework("Secret", status="draft")
    assert client.get(framework.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_entry_uncached(staff_client, make_framework):
    framework = make_framework("Secret", status="draft")
    response = staff_client.get(framework.get_absolute_url())
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]


def test_draft_post_is_not_listed_on_the_entry_page(client, make_framework, make_post):
    framework = make_framework("Bottle")
    make_post("Public take", body="```framework bottle\n```")
    make_post("Unreleased take", body="```framework bottle\n```", status="draft")
    response = client.get(framework.get_absolute_url())
    assert "Public take" in response.text and "Unreleased take" not in response.text


def test_hostile_html_in_entry_fields_is_neutralised(client, make_framework):
    framework = make_framework(
        "Evil",
        description='<script>alert(1)</script><a href="javascript:alert(2)">x</a>',
        pros=['<img src=x onerror="alert(3)">'],
    )
    framework.tagline = "<script>alert(4)</script>"
    framework.save()
    html = client.get(framework.get_absolute_url()).text
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html


@pytest.mark.parametrize("count", [1, 70])
def test_list_queries_do_not_grow_with_entries(client, make_framework, django_assert_num_queries, count):
    for _ in range(count):
        make_framework(tags=["web"])
    # the kinds of facts (the filters), count, a page of entries (stored cards), the picker's choices
    with django_assert_num_queries(4):
        client.get(reverse("frameworks:list"))


@pytest.mark.parametrize("count", [1, 25])
def test_detail_queries_do_not_grow_with_posts(client, make_framework, make_post, django_assert_num_queries, count):
    framework = make_framework("Bottle", tags=["web"])
    for _ in range(count):
        make_post(body="```framework bottle\n```")
    with django_assert_num_queries(3):  # entry (stored parts), covering posts, the picker's choices
        client.get(framework.get_absolute_url())
