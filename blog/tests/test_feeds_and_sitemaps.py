"""Feeds parse as RSS 2.0 and Atom; the sitemap lists every published URL and no draft."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from frameworks.models import Framework

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def content(seeded, make_post, make_framework):
    make_post("Public post", tags=["async"], body="Hello.")
    make_post("Zzdraft post", status="draft", tags=["async"])
    make_framework("Zzdraft entry", status="draft", tags=["async"])
    Framework.objects.get(slug="fastapi").tags.add("async")
    return seeded


@pytest.mark.parametrize(("url", "version"), [("/feed/", "rss20"), ("/feed/atom/", "atom10")])
def test_feeds_validate_and_hold_published_posts_only(client, content, url, version):
    response = client.get(url)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Public post", "Top Python Web Development Frameworks in 2026"]
    seed = feed.entries[1]
    assert seed.link == f"http://testserver{content.post.get_absolute_url()}"
    assert seed.author == "Tom Gotsman"
    assert "Pure Python" in (seed.get("summary") or seed.content[0].value)


@pytest.mark.parametrize(("name", "version"), [("blog:tag_feed", "rss20"), ("blog:tag_atom", "atom10")])
def test_tag_feeds_hold_that_tags_published_posts(client, content, name, version):
    feed = feedparser.parse(client.get(reverse(name, kwargs={"slug": "async"})).content)
    assert not feed.bozo and feed.version == version
    assert [entry.title for entry in feed.entries] == ["Public post"]


def test_unknown_tag_feed_is_404(client, db):
    assert client.get(reverse("blog:tag_feed", kwargs={"slug": "nope"})).status_code == 404


def sitemap_urls(client):
    """Every URL of every page of every section the sitemap index names, with its lastmod."""
    urls = {}
    for section in sitemap_sections(client):
        response = client.get(section)
        assert response.status_code == 200, section
        root = ET.fromstring(response.content)
        urls |= {
            url.find("s:loc", SITEMAP_NS).text.removeprefix("http://testserver"): url.find("s:lastmod", SITEMAP_NS)
            for url in root.findall("s:url", SITEMAP_NS)
        }
    return urls


def sitemap_sections(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [loc.text.removeprefix("http://testserver") for loc in root.iterfind("s:sitemap/s:loc", SITEMAP_NS)]


def test_sitemap_lists_every_published_url_and_no_draft(client, content):
    urls = sitemap_urls(client)
    expected = {"/", "/frameworks/", content.post.get_absolute_url(), "/blog/post-1/", "/tags/async/"}
    expected |= {f"/frameworks/{slug}/" for slug in Framework.objects.published().values_list("slug", flat=True)}
    assert expected <= set(urls)
    assert "/compare/django-vs-flask/" in urls and "/compare/fastapi-vs-reflex/" in urls
    assert len([url for url in urls if url.startswith("/compare/")]) == 21  # 7 entries covered together
    assert not any("zzdraft" in url for url in urls)
    assert urls[content.post.get_absolute_url()] is not None  # lastmod


def test_sitemap_comparisons_are_canonical(client, content):
    from frameworks.comparisons import canonical_order, parse_comparison

    for url in sitemap_urls(client):
        if url.startswith("/compare/"):
            slugs = parse_comparison(url.split("/")[2])
            assert slugs == canonical_order(slugs)


def test_a_big_site_s_sitemap_comes_in_pages(client, make_post, settings):
    from blog.sitemaps import PostSitemap

    PostSitemap.limit = 2  # restored below: the class attribute is the page size
    try:
        for _ in range(5):
            make_post()
        sections = sitemap_sections(client)
        assert [s for s in sections if s.startswith("/sitemap-posts.xml")] == [
            "/sitemap-posts.xml",
            "/sitemap-posts.xml?p=2",
            "/sitemap-posts.xml?p=3",
        ]
        assert len([url for url in sitemap_urls(client) if url.startswith("/blog/")]) == 5
    finally:
        PostSitemap.limit = 2000


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_pages_advertise_the_feeds(client, content):
    html = client.get("/").text
    assert 'type="application/rss+xml"' in html and 'href="/feed/atom/"' in html


@pytest.mark.parametrize("count", [1, 15])
def test_feed_and_sitemap_queries_do_not_grow(client, make_post, make_framework, django_assert_num_queries, count):
    for _ in range(count):
        framework = make_framework(tags=["web"])
        make_post(tags=["web"], body=f"```framework {framework.slug}\n```")
    client.get("/feed/")  # the first request also caches the Site (contrib.sites)
    with django_assert_num_queries(2):  # posts with authors, their tags
        client.get("/feed/")
    # the index: count and newest change of posts, entries and tags; comparisons read once
    with django_assert_num_queries(6):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):  # a section: its count, then its page of posts
        client.get("/sitemap-posts.xml")
