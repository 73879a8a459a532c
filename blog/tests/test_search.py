"""Search: ranked, highlighted, paginated, drafts never shown, hostile input harmless."""

import io

import pytest
from django.urls import reverse

from frameworks.models import Framework

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    return client.get(reverse("blog:search"), {"q": q, **params})


def test_async_finds_fastapi_and_the_seed_article_highlighted(client, seeded):
    html = search(client, "async").text
    assert 'href="/frameworks/fastapi/"' in html
    assert f'href="{seeded.post.get_absolute_url()}"' in html
    assert "<mark>async</mark>" in html.lower()


def test_titles_rank_above_mentions(client, seeded):
    html = search(client, "flask").text
    assert html.index('href="/frameworks/flask/"') < html.index(f'href="{seeded.post.get_absolute_url()}"')


def test_search_covers_pros_cons_taglines_and_tags(client, seeded):
    Framework.objects.get(slug="gradio").tags.add("huggingface")
    from blog.search.index import search_index_framework

    search_index_framework(framework=Framework.objects.get(slug="gradio"))
    assert 'href="/frameworks/gradio/"' in search(client, "huggingface").text
    assert 'href="/frameworks/reflex/"' in search(client, "boilerplate").text  # a pro's label
    assert 'href="/frameworks/plotly-dash/"' in search(client, "callbacks stateless").text


def test_drafts_are_never_found(client, seeded, make_post, make_framework):
    make_post("Zebra draft", status="draft", body="zebra zebra")
    make_framework("Zebra entry", status="draft", description="zebra")
    html = search(client, "zebra").text
    assert "Zebra draft" not in html and "Zebra entry" not in html and "Nothing matches" in html


def test_results_follow_edits(client, seeded, staff_client):
    reflex = Framework.objects.get(slug="reflex")
    reflex.description = "Now with quokkas."
    reflex.save()
    assert 'href="/frameworks/reflex/"' in search(client, "quokkas").text


def test_results_are_paginated(client, make_post):
    for number in range(12):
        make_post(f"Walrus {number}", body="walrus facts")
    first, second = search(client, "walrus"), search(client, "walrus", page=2)
    assert first.text.count('class="search-result"') == 10 and second.text.count('class="search-result"') == 2
    assert "12 results" in first.text


def test_a_word_in_many_posts_is_ranked_among_its_newest_matches_and_counted_up_to_the_cap(client, make_post, settings):
    """What keeps search the same price on a big site (SEARCH_CANDIDATES, 200 as shipped)."""
    settings.SEARCH_CANDIDATES = 4
    for number in range(6):
        make_post(f"Narwhal {number}", body="narwhal facts")
    html = search(client, "narwhal").text
    assert "4+ results" in html
    shown = [number for number in range(6) if f"<mark>Narwhal</mark> {number}</a>" in html]
    assert shown == [2, 3, 4, 5]
    settings.SEARCH_CANDIDATES = 200
    assert "6 results" in search(client, "narwhal").text


def test_empty_query_offers_a_way_in(client, seeded):
    html = search(client, "").text
    assert 'href="/frameworks/reflex/"' in html and seeded.post.title in html


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "'; DROP TABLE blog_post; --",
        "<script>alert(1)</script>",
        "a" * 5000,
        "NEAR(x y)",
        "*",
        "^ OR AND -",
        "\x00",
        "🙂",
    ],
)
def test_hostile_queries_get_a_page_never_a_500(client, seeded, q):
    response = search(client, q)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize("count", [1, 15])
def test_search_queries_do_not_grow(client, make_post, make_framework, django_assert_num_queries, count):
    for _ in range(count):
        make_post(body="otter")
        make_framework(description="otter")
    search(client, "otter")  # opens the connection
    # the ranked candidates, then the page's marked titles and snippets with their items' slugs
    with django_assert_num_queries(2):
        assert search(client, "otter").text.count('class="search-result"') == min(10, 2 * count)


def test_a_page_past_the_results_is_not_found(client, make_post):
    make_post("Beluga", body="beluga")
    assert search(client, "beluga", page=2).status_code == 404
    assert search(client, "beluga", page="last").status_code == 404
    assert "Nothing matches" in search(client, "narwhal").text  # an empty first page is a page


def test_the_query_is_shown_escaped_in_the_title_the_box_and_the_count(client, make_post):
    make_post("Beluga", body="beluga")
    html = search(client, 'beluga "</title><b>').text  # the words: beluga, title, b
    assert "<title>“beluga &quot;&lt;/title&gt;&lt;b&gt;” · Search" in html
    assert 'value="beluga &quot;&lt;/title&gt;&lt;b&gt;"' in html
    assert "<b>" not in html


def test_rebuilding_the_index_restores_search(client, seeded):
    from django.core.management import call_command

    from blog.models import SearchDocument

    SearchDocument.objects.all().delete()
    assert "Nothing matches" in search(client, "async").text
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert 'href="/frameworks/fastapi/"' in search(client, "async").text
