"""Structured data, social cards and machine-readable versions, built from what the page shows."""

import json
import re

import pytest
from PIL import Image

from blog.models import FaqItem
from conftest import SEED_FRAMEWORKS, SEED_SLUG
from frameworks.models import Framework

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def graph(html: str) -> dict:
    (data,) = json_ld(html)
    return {node["@type"]: node for node in data.get("@graph", [data])}


def test_article_json_ld_names_author_dates_image_keywords_and_words(client, seeded):
    seeded.post.author.bio = "Writes about Python."
    seeded.post.author.save()
    posting = graph(client.get(ARTICLE).text)["BlogPosting"]
    assert posting["headline"] == "Top Python Web Development Frameworks in 2026"
    assert posting["author"] == {"@type": "Person", "name": "Tom Gotsman", "description": "Writes about Python."}
    assert posting["datePublished"].startswith("2026-01-09") and posting["dateModified"].startswith("2026-01-09")
    assert posting["image"][0].startswith("http://testserver/media/cards/")
    assert "streamlit alternatives" in posting["keywords"]
    assert posting["wordCount"] > 1500


def test_top_n_article_lists_its_frameworks_in_order(client, seeded):
    items = graph(client.get(ARTICLE).text)["ItemList"]["itemListElement"]
    assert [item["url"].split("/")[-2] for item in items] == SEED_FRAMEWORKS
    assert [item["position"] for item in items] == list(range(1, 8))


def test_framework_json_ld_carries_pros_and_cons_as_review_notes(client, seeded):
    data = json_ld(client.get("/frameworks/reflex/").text)[0]
    assert data["@type"] == "SoftwareApplication" and data["name"] == "Reflex"
    review = data["review"]
    assert review["positiveNotes"]["itemListElement"][0]["name"].startswith("Pure Python: Write both")
    assert len(review["negativeNotes"]["itemListElement"]) == 2
    assert data["sameAs"] == "https://reflex.dev"


def test_home_json_ld_is_a_blog_with_its_posts(client, seeded):
    nodes = graph(client.get("/").text)
    assert nodes["Blog"]["name"]
    assert nodes["ItemList"]["itemListElement"][0]["url"] == f"http://testserver{ARTICLE}"


def test_faq_is_visible_and_emitted_from_the_same_data(client, seeded):
    FaqItem.objects.create(post=seeded.post, question="Which is fastest?", answer="FastAPI, usually.", position=0)
    html = client.get(ARTICLE).text
    assert "<summary>Which is fastest?</summary>" in html and "FastAPI, usually." in html
    faq = graph(html)["FAQPage"]["mainEntity"][0]
    assert faq["name"] == "Which is fastest?" and faq["acceptedAnswer"]["text"] == "FastAPI, usually."


def test_json_ld_cannot_break_out_of_its_script(client, seeded):
    seeded.post.title = "</script><script>alert(1)</script>"
    seeded.post.save()
    html = client.get(ARTICLE).text
    assert "</script><script>alert(1)" not in html
    assert graph(html)["BlogPosting"]["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        ARTICLE,
        "/frameworks/",
        "/frameworks/reflex/",
        "/frameworks/reflex/alternatives/",
        "/compare/django-vs-flask/",
        "/tags/async/",
        "/search/?q=async",
    ],
)
def test_every_page_has_canonical_open_graph_and_twitter_tags(client, seeded, url):
    seeded.post.tags.add("async")
    html = client.get(url).text
    path = url.split("?")[0]
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    for tag in ('property="og:title"', 'property="og:image"', 'property="og:url"', 'name="twitter:card"'):
        assert tag in html, (url, tag)


def test_every_framework_gets_a_social_card_redrawn_when_its_name_changes(client, seeded, media_root):
    reflex = Framework.objects.get(slug="reflex")
    with Image.open(media_root / reflex.social_card.name) as card:
        assert card.size == (1200, 630)
    first = reflex.social_card.name
    reflex.name = "Reflex 2"
    reflex.save()
    assert reflex.social_card.name != first
    assert f"http://testserver/media/{reflex.social_card.name}" in client.get("/frameworks/reflex/").text


def test_article_as_markdown_with_front_matter_and_entries_expanded(client, seeded):
    response = client.get(f"/blog/{SEED_SLUG}.md")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.text
    assert text.startswith("---\ntitle: Top Python Web Development Frameworks in 2026\nauthor: Tom Gotsman\n")
    assert "## [Reflex](http://testserver/frameworks/reflex/)" in text
    assert "- **Pure Python**: Write both your frontend and backend code entirely in Python." in text
    assert "![Github Top Programming Languages](http://testserver/media/figures/" in text
    assert "```framework" not in text


def test_markdown_of_a_draft_is_404(client, make_post):
    post = make_post(status="draft")
    assert client.get(f"/blog/{post.slug}.md").status_code == 404


def test_llms_txt_lists_published_posts_and_entries_only(client, seeded, make_post, make_framework):
    make_post("Zzdraft", status="draft")
    make_framework("Zzdraft entry", status="draft")
    text = client.get("/llms.txt").text
    assert text.startswith("# ")
    assert f"- [Top Python Web Development Frameworks in 2026](http://testserver/blog/{SEED_SLUG}.md)" in text
    assert "- [FastAPI](http://testserver/frameworks/fastapi/): High performance" in text
    assert "Zzdraft" not in text


@pytest.mark.parametrize("count", [1, 12])
def test_machine_readable_pages_cost_the_same(client, make_post, make_framework, django_assert_num_queries, count):
    slugs = [make_framework(tags=["web"]).slug for _ in range(count)]
    post = make_post(body="\n\n".join(f"```framework {slug}\n```" for slug in slugs), tags=["web"])
    with django_assert_num_queries(5):  # the post with its author, its tags; its entries, their pros, cons
        client.get(f"/blog/{post.slug}.md")
    with django_assert_num_queries(2):  # posts, entries
        client.get("/llms.txt")
