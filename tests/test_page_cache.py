"""The page cache: anonymous readers get cached pages, and after any kind of edit the next
anonymous request shows it. Editors never get cached pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Author, Post
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.admin_forms import admin_edit_pro, admin_form_data

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def warm(client, seeded):
    """The article, home, an entry page and a comparison, each cached by a first request."""
    pages = [ARTICLE, "/", "/frameworks/reflex/", "/compare/flask-vs-reflex/", "/feed/"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    return pages


def admin_save(staff_client, admin_name, pk, **changes):
    url = reverse(f"admin:{admin_name}_change", args=[pk])
    data = admin_form_data(staff_client.get(url).text)
    data.update(changes)
    assert staff_client.post(url, data).status_code == 302


def test_a_cached_page_costs_no_queries(client, warm, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(ARTICLE).status_code == 200


def test_editing_a_post_shows_at_once(client, staff_client, warm, seeded):
    admin_save(staff_client, "blog_post", seeded.post.pk, description="A fresh description.")
    assert "A fresh description." in client.get(ARTICLE).text
    assert "A fresh description." in client.get("/").text


def test_editing_a_pro_shows_on_the_article_the_entry_and_comparisons(client, staff_client, warm):
    reflex = Framework.objects.get(slug="reflex")
    admin_edit_pro(staff_client, framework=reflex, label="Pure Python", text="Cached nowhere stale.")
    for page in (ARTICLE, "/frameworks/reflex/", "/compare/flask-vs-reflex/"):
        assert "Cached nowhere stale." in client.get(page).text, page


def test_renaming_an_author_shows(client, warm, seeded):
    author = Author.objects.get()
    author.name = "T. Gotsman"
    author.save()
    assert "T. Gotsman" in client.get(ARTICLE).text


def test_tagging_shows(client, warm, seeded):
    seeded.post.tags.add("roundup")
    assert 'href="/tags/roundup/"' in client.get(ARTICLE).text


def test_unpublishing_and_deleting_show(client, staff_client, warm, seeded):
    staff_client.post(
        reverse("admin:blog_post_changelist"), {"action": "unpublish", "_selected_action": [seeded.post.pk]}
    )
    assert client.get(ARTICLE).status_code == 404
    assert "Top Python Web Development" not in client.get("/").text
    Post.objects.all().delete()
    assert client.get("/feed/").status_code == 200 and SEED_SLUG not in client.get("/feed/").text


def test_a_scheduled_post_appears_on_time_although_pages_are_cached(client, warm, make_post, monkeypatch):
    make_post("Scheduled one", published_at=timezone.now() + dt.timedelta(minutes=1))
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit" and "Scheduled one" not in client.get("/").text
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Scheduled one" in client.get("/").text


def test_editors_never_get_cached_pages(staff_client, client, warm):
    response = staff_client.get(ARTICLE)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_cached_pages_keep_their_headers(client, warm):
    response = client.get(ARTICLE)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Security-Policy" in response and response["ETag"]
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_readers_pages_tell_proxies_to_keep_them_a_second_and_revalidate(client, warm, staff_client):
    assert client.get(ARTICLE)["Cache-Control"] == "public, max-age=0, s-maxage=1"
    assert "public" not in staff_client.get(ARTICLE).get("Cache-Control", "")


def test_drafts_and_previews_are_private_and_never_stored(staff_client, make_post):
    from blog.previews import preview_url

    draft = make_post("Draft", status="draft")
    for response in (staff_client.get(draft.get_absolute_url()), staff_client.get(preview_url(draft))):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
