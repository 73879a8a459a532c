"""Names in any script (and names of emoji alone) get working, linked URLs on every surface.

The risk: a tag "Café" once made home and the article answer 500 (its Unicode slug did not fit
an ASCII-only URL pattern), taking down every list the post was on.
"""

from urllib.parse import quote

import feedparser
import pytest
from django.urls import reverse
from taggit.models import Tag

from blog.search.index import search_index_post
from config.slugs import slug_for
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

# Latin with accents, CJK, Greek, Arabic, Cyrillic, Devanagari; an emoji alone; punctuation alone.
NAMES = ["Café", "日本語", "Ελληνικά", "عربي", "Русский", "हिन्दी", "🎉", "!!!"]


@pytest.fixture
def tagged(seeded):
    seeded.post.tags.add(*NAMES)
    search_index_post(post=seeded.post)
    return seeded.post


def tag_url(name):
    return reverse("blog:tag", kwargs={"slug": Tag.objects.get(name=name).slug})


def test_every_name_gets_a_distinct_nonempty_slug(tagged):
    slugs = [Tag.objects.get(name=name).slug for name in NAMES]
    assert all(slugs) and len(set(slugs)) == len(slugs)
    assert Tag.objects.get(name="Café").slug == "café"
    assert Tag.objects.get(name="🎉").slug == "party-popper"


def test_lists_and_the_article_link_every_tag(client, tagged):
    for page in ("/", tagged.get_absolute_url()):
        response = client.get(page)
        assert response.status_code == 200, page
        for name in NAMES:
            assert f'href="{tag_url(name)}"' in response.text, (page, name)


def test_each_tag_page_and_its_feeds_show_the_post(client, tagged):
    for name in NAMES:
        slug = Tag.objects.get(name=name).slug
        page = client.get(tag_url(name))
        assert page.status_code == 200 and tagged.title in page.text, name
        for route in ("blog:tag_feed", "blog:tag_atom"):
            feed = feedparser.parse(client.get(reverse(route, kwargs={"slug": slug})).content)
            assert not feed.bozo and [entry.title for entry in feed.entries] == [tagged.title], (name, route)


def test_site_feeds_carry_the_names_as_categories(client, tagged):
    for route in ("blog:feed", "blog:atom"):
        feed = feedparser.parse(client.get(reverse(route)).content)
        assert not feed.bozo
        assert set(NAMES) <= {tag.term for tag in feed.entries[0].tags}


def test_sitemap_lists_tag_pages_percent_encoded(client, tagged):
    xml = client.get("/sitemap-tags.xml").text
    for name in NAMES:
        assert f"http://testserver{tag_url(name)}</loc>" in xml
    assert "/tags/caf%C3%A9/" in xml


def test_search_finds_the_post_by_a_tag_in_any_script(client, tagged):
    for name in ("Café", "日本語", "Ελληνικά", "Русский"):
        response = client.get(reverse("blog:search"), {"q": name})
        assert response.status_code == 200 and tagged.title in response.text, name


def test_posts_entries_and_authors_named_in_other_scripts_have_pages(client, make_post, make_framework, make_author):
    entry = make_framework("Джанго", slug=slug_for("Джанго"))
    other = make_framework("框架", slug=slug_for("框架"))
    post = make_post(
        "日本語の記事",
        slug=slug_for("日本語の記事"),
        author=make_author("Zoë Ελληνικά"),
        body="```framework джанго\n```",
    )
    assert client.get(post.get_absolute_url()).status_code == 200
    assert quote("/blog/日本語の記事/") == post.get_absolute_url()
    assert "Джанго" in client.get(entry.get_absolute_url()).text
    comparison = reverse("frameworks:compare", kwargs={"slugs": f"{entry.slug}-vs-{other.slug}"})
    assert client.get(comparison).status_code in (200, 301)
    assert client.get(comparison, follow=True).status_code == 200


def test_a_post_saved_without_a_slug_gets_one(make_post):
    first = make_post("🚀🚀", slug="")
    second = make_post("🚀🚀", slug="")
    assert (first.slug, second.slug) == ("rocket-rocket", "rocket-rocket-2")


def test_a_renamed_unicode_tag_redirects(staff_client, client, tagged):
    old = tag_url("Café")
    tag = Tag.objects.get(name="Café")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["slug"] = "café-crème"
    assert staff_client.post(url, data).status_code == 302
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == quote("/tags/café-crème/")
    assert client.get(response["Location"]).status_code == 200


def test_admin_creates_a_post_titled_in_emoji_with_a_blank_slug(staff_client, seeded):
    from blog.models import Post

    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    add = reverse("admin:blog_post_add")
    form = admin_form_data(staff_client.get(add).text)
    form.update(title="✨", slug="", body="Sparkles.", author=data["author"], status="draft")
    form.update({key: value for key, value in data.items() if key.startswith("published_at")})
    response = staff_client.post(add, form)
    assert response.status_code == 302, response.text[:2000]
    assert Post.objects.get(title="✨").slug == "sparkles"
