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


# Made afresh for each answer; every other header of a hit is the miss's, as the stack gave it.
PER_ANSWER = {"X-Page-Cache", "X-Accel-Expires", "CDN-Cache-Control", "Date"}


def test_a_hit_carries_the_headers_the_whole_stack_gave_the_miss(client, seeded):
    miss = client.get("/frameworks/flask/")
    hit = client.get("/frameworks/flask/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    kept = {name: value for name, value in miss.items() if name not in PER_ANSWER}
    assert {"Content-Security-Policy", "ETag", "X-Frame-Options", "X-Content-Type-Options"} <= set(kept)
    assert {name: value for name, value in hit.items() if name not in PER_ANSWER} == kept
    assert hit.content == miss.content


def test_a_hit_runs_no_other_middleware(client, warm, monkeypatch):
    from django.middleware.security import SecurityMiddleware

    ran = []
    real = SecurityMiddleware.process_request
    monkeypatch.setattr(
        SecurityMiddleware, "process_request", lambda self, request: ran.append(1) or real(self, request)
    )
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit" and ran == []


def test_a_cached_page_is_never_served_to_another_host_or_over_plain_http(seeded, settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # its middleware is built with the redirect on
    client.get(ARTICLE, secure=True)
    assert client.get(ARTICLE, secure=True)["X-Page-Cache"] == "hit"
    assert client.get(ARTICLE).status_code == 301  # the stack's redirect, not the https page
    assert client.get(ARTICLE, secure=True, HTTP_HOST="evil.example").status_code == 400


def test_a_miss_with_a_current_etag_is_stored_and_answered_304(client, seeded):
    from django.core.cache import cache

    first = client.get(ARTICLE)
    cache.clear()  # the page evicted, as under memory pressure; the edge revalidates
    again = client.get(ARTICLE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and "X-Accel-Expires" in again
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"


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
    assert client.get(ARTICLE)["Cache-Control"] == "public, max-age=0, s-maxage=1, stale-if-error=86400"
    assert "public" not in staff_client.get(ARTICLE).get("Cache-Control", "")


def test_nginx_keeps_a_page_to_the_end_of_this_second_even_after_a_304(client, warm):
    import time

    response = client.get(ARTICLE)
    not_modified = client.get(ARTICLE, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304
    for answer in (response, not_modified):
        assert abs(int(answer["X-Accel-Expires"].removeprefix("@")) - time.time()) < 2


def test_drafts_and_previews_are_private_and_never_stored(staff_client, make_post):
    from blog.previews import preview_url

    draft = make_post("Draft", status="draft")
    for response in (staff_client.get(draft.get_absolute_url()), staff_client.get(preview_url(draft))):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


# Exact invalidation: a write empties the pages that show what it touched, and no others.


@pytest.fixture
def elsewhere(client, seeded, make_post, make_framework):
    """Pages that share nothing with the seed article: another post, entry and tag, cached."""
    make_framework("Bottle", tags=["microframework"])
    make_post("Gardening notes", slug="gardening-notes", tags=["gardening"], body="Nothing about frameworks.")
    pages = ["/blog/gardening-notes/", "/frameworks/bottle/", "/tags/gardening/", "/frameworks/bottle/alternatives/"]
    for url in pages:
        client.get(url)
    return pages


def cache_states(client, pages):
    return {url: client.get(url).get("X-Page-Cache") for url in pages}


def test_editing_a_post_empties_its_pages_and_keeps_the_others(client, staff_client, seeded, warm, elsewhere):
    admin_save(staff_client, "blog_post", seeded.post.pk, title="Python frameworks, retitled")
    assert set(cache_states(client, warm).values()) == {"miss"}
    for page in (ARTICLE, "/", "/feed/", "/frameworks/reflex/", "/compare/flask-vs-reflex/"):
        assert "Python frameworks, retitled" in client.get(page).text, page
    assert client.get("/sitemap-posts.xml")["X-Page-Cache"] == "miss"
    assert cache_states(client, ["/blog/gardening-notes/", "/frameworks/bottle/", "/tags/gardening/"]) == {
        "/blog/gardening-notes/": "hit",
        "/frameworks/bottle/": "hit",
        "/tags/gardening/": "hit",
    }


def test_editing_an_entry_keeps_articles_that_do_not_cover_it(client, staff_client, seeded, warm, elsewhere):
    reflex = Framework.objects.get(slug="reflex")
    admin_edit_pro(staff_client, framework=reflex, label="Pure Python", text="Exactly these pages.")
    for page in (ARTICLE, "/frameworks/reflex/", "/compare/flask-vs-reflex/"):
        assert client.get(page)["X-Page-Cache"] == "miss" and "Exactly these pages." in client.get(page).text
    # A pro shows on its entry's pages only: not on other entries' pages, nor unrelated articles.
    assert cache_states(client, ["/blog/gardening-notes/", "/frameworks/bottle/"]) == {
        "/blog/gardening-notes/": "hit",
        "/frameworks/bottle/": "hit",
    }


def test_renaming_an_author_empties_only_their_pages(client, seeded, warm, elsewhere, make_author, make_post):
    other = make_post("By someone else", author=make_author("Someone Else"))
    client.get(other.get_absolute_url())
    author = seeded.post.author
    author.name = "Renamed Writer"
    author.save()
    assert "Renamed Writer" in client.get(ARTICLE).text
    assert client.get("/frameworks/bottle/")["X-Page-Cache"] == "hit"


def test_a_new_post_on_a_tag_shows_on_that_tag_and_on_related_articles(client, seeded, warm, elsewhere, make_post):
    make_post("More gardening", tags=["gardening"])
    assert "More gardening" in client.get("/tags/gardening/").text
    assert "More gardening" in client.get("/blog/gardening-notes/").text  # its related posts
    assert client.get("/frameworks/bottle/")["X-Page-Cache"] == "hit"


def test_retagging_an_entry_moves_it_between_tag_pages(client, elsewhere):
    bottle = Framework.objects.get(slug="bottle")
    client.get("/tags/microframework/")
    bottle.tags.add("gardening")
    assert "Bottle" in client.get("/tags/gardening/").text
    bottle.tags.remove("microframework")
    assert client.get("/tags/microframework/").status_code == 404


def test_deleting_a_post_empties_its_tag_page(client, elsewhere):
    Post.objects.get(slug="gardening-notes").delete()
    assert client.get("/tags/gardening/").status_code == 404


def test_pages_of_another_release_are_never_served(client, warm, settings, tmp_path):
    """A deploy that changes a template must not serve pages the old one rendered."""
    from config.page_cache import middleware as page_cache

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("old")
    settings.BASE_DIR = tmp_path
    page_cache.release.cache_clear()
    before = page_cache.release()
    (tmp_path / "templates" / "base.html").write_text("new")
    page_cache.release.cache_clear()
    assert page_cache.release() != before
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    page_cache.release.cache_clear()


def test_a_page_rendered_across_a_write_is_not_kept(rf, seeded):
    """The write lands after the page read the post: that page must not outlive the write."""
    from django.http import HttpResponse

    from config.page_cache.middleware import PageCacheMiddleware

    def render_then_write(request):
        title = Post.objects.get(pk=seeded.post.pk).title
        Post.objects.filter(pk=seeded.post.pk).update(title="Changed meanwhile")
        Post.objects.get(pk=seeded.post.pk).save()  # the other writer's save, as seen by signals
        return HttpResponse(title)

    middleware = PageCacheMiddleware(render_then_write)
    response = middleware(rf.get(ARTICLE))
    assert response["X-Page-Cache"] == "miss" and response["Cache-Control"] == "no-cache"
    assert PageCacheMiddleware(lambda request: HttpResponse("fresh"))(rf.get(ARTICLE)).content == b"fresh"


def test_pages_say_when_what_they_show_last_changed(client, warm, seeded, monkeypatch):
    import email.utils

    from config.page_cache import deps

    first = client.get(ARTICLE)["Last-Modified"]
    assert client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=first).status_code == 304
    real_clock = deps.clock
    monkeypatch.setattr(deps, "clock", lambda: real_clock() + 5)  # Last-Modified counts seconds
    seeded.post.save()
    response = client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=first)
    assert response.status_code == 200
    later = email.utils.parsedate_to_datetime(response["Last-Modified"])
    assert later > email.utils.parsedate_to_datetime(first)


def test_cached_pages_are_served_while_the_database_is_down(client, warm, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    assert client.get(ARTICLE).status_code == 200  # from the page cache
    assert client.get("/frameworks/flask/").status_code == 503  # never cached: the designed 503


def test_a_cdn_keeps_pages_longer_the_longer_they_went_unchanged(client, warm, seeded, monkeypatch):
    from config.page_cache import deps

    assert client.get(ARTICLE)["CDN-Cache-Control"] == "public, max-age=60, stale-if-error=86400"
    real_clock = deps.clock
    monkeypatch.setattr(deps, "clock", lambda: real_clock() + 30 * 86400)
    assert client.get(ARTICLE)["CDN-Cache-Control"] == "public, max-age=86400, stale-if-error=86400"
    seeded.post.save()  # edited: young again
    assert client.get(ARTICLE)["CDN-Cache-Control"] == "public, max-age=60, stale-if-error=86400"


def test_pages_are_compressed_once_when_stored_and_hits_send_the_stored_bytes(client, seeded):
    import gzip

    plain = client.get(ARTICLE)
    first = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip, deflate")
    hit = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip")
    assert (first["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["Content-Encoding"] == "gzip" and "Accept-Encoding" in hit["Vary"]
    assert hit.content == first.content and gzip.decompress(hit.content) == plain.content
    assert len(hit.content) < len(plain.content) / 3
    # A reader that takes no gzip is never sent the compressed copy.
    again = client.get(ARTICLE)
    assert again["X-Page-Cache"] == "hit" and "Content-Encoding" not in again and again.content == plain.content


def test_browsers_that_take_brotli_get_it_and_others_never_do(client, seeded):
    import brotli

    plain = client.get(ARTICLE)
    first = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    hit = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br")
    gzip_only = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip")
    assert (first["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["Content-Encoding"] == "br" and "Accept-Encoding" in hit["Vary"]
    assert hit.content == first.content and brotli.decompress(hit.content) == plain.content
    assert gzip_only["Content-Encoding"] == "gzip"
    # The ETag names the identity bytes: compressed copies carry it weak.
    assert hit["ETag"] == "W/" + plain["ETag"]


def test_a_reader_declining_brotli_with_q_zero_gets_gzip():
    from config.middleware import preferred_encoding

    assert preferred_encoding("br;q=0, gzip") == "gzip"
    assert preferred_encoding("gzip, deflate, br, zstd") == "br"
    assert preferred_encoding("BR ; q=0.5") == "br"
    assert preferred_encoding("gzip;q=0, br;q=0") == "identity"
    assert preferred_encoding("br;q=abc, gzip") == "gzip"
    assert preferred_encoding("") == "identity"


def test_what_a_declined_gzip_reader_is_sent_is_what_the_cache_keeps_for_plain_readers(client, seeded):
    declined = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip;q=0")
    plain = client.get(ARTICLE)
    assert "Content-Encoding" not in declined and declined.content == plain.content


def test_a_page_holding_a_csrf_token_is_never_sent_as_brotli(client, seeded):
    """BREACH: a form's token beside reflected input; gzip keeps Django's random padding."""
    login = client.get("/admin/login/?next=/admin/%22reflected", HTTP_ACCEPT_ENCODING="br, gzip")
    assert login.status_code == 200 and login["Content-Encoding"] == "gzip"


def test_images_are_not_compressed_again(client, seeded):
    figure = seeded.post.body_html.split('<img src="', 1)[1].split('"', 1)[0]
    response = client.get(figure, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_a_process_keeps_its_copies_within_its_byte_budget_dropping_the_oldest():
    from config.page_cache.middleware import LocalCopies

    local = LocalCopies(max_bytes=25)
    for key in "abc":
        local.put(key, {"content": b"x" * 10})
    assert local.get("a") is None and local.get("b") and local.get("c") and local.size == 20
    local.get("b")  # used: now the newest
    local.put("d", {"content": b"x" * 10})
    assert local.get("c") is None and local.get("b") and local.get("d")


def test_a_copy_kept_by_this_process_is_not_served_after_another_process_s_edit(client, warm, seeded):
    from config.page_cache import deps, tokens

    # Another server's save stores the post's parts and moves its token in the shared cache;
    # this process's copy is stale.
    Post.objects.filter(pk=seeded.post.pk).update(description="Saved on the other server.")
    Post.objects.get(pk=seeded.post.pk).store_parts()
    deps.changed(tokens.post(seeded.post.pk))
    assert "Saved on the other server." in client.get(ARTICLE).text


def test_copies_shared_by_threads_stay_consistent():
    import threading

    from config.page_cache.middleware import LocalCopies

    local = LocalCopies(max_bytes=50)
    errors = []

    def churn(seed):
        try:
            for n in range(3000):
                key = str((seed * 7 + n) % 13)
                local.put(key, {"content": b"x" * 10})
                local.get(str(n % 13))
                if n % 5 == 0:
                    local.drop(key)
        except Exception as error:  # noqa: BLE001  any error at all fails the test below
            errors.append(error)

    threads = [threading.Thread(target=churn, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and local.size == 10 * len(local.entries) <= 50
