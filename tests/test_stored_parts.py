"""Posts' pages and cards are rendered at save (Post.parts()), yet show what the rows they name
say now: each write of a tag, an author, an FAQ item or an entry reaches the article, the home
page's card and a related card at the next request, through the ORM and the admin, with the
page cache off (what is stored) and on (what is cached)."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from blog.models import FaqItem, Post
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.admin_forms import admin_form_data

ARTICLE = f"/blog/{SEED_SLUG}/"

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["stored", "cached"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    return request.param


@pytest.fixture
def sibling(seeded, make_post):
    """A post sharing the seed's entries: each shows the other as related."""
    return make_post("The sibling", body="```framework reflex\n```", tags=["sibling-tag"])


def card_of(html: str, title: str) -> str:
    match = re.search(
        rf'<article class="card post-card">\s*<h2 class="card-title"><a [^>]*>{title}</a>.*?</article>', html, re.S
    )
    assert match, f"no card for {title}"
    return match.group(0)


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def warm(client, *urls) -> None:
    for url in urls:
        client.get(url)


def test_a_renamed_tag_shows_on_the_article_the_card_and_related_cards(client, sibling, page_cache):
    warm(client, ARTICLE, "/", sibling.get_absolute_url())
    tag = Tag.objects.get(name="sibling-tag")
    tag.name = "Renamed tag"
    tag.save()
    assert ">Renamed tag</a>" in client.get(sibling.get_absolute_url()).text
    assert ">Renamed tag</a>" in card_of(client.get("/").text, "The sibling")
    assert ">Renamed tag</a>" in card_of(client.get(ARTICLE).text, "The sibling")  # related
    assert '"Renamed tag"' in client.get(sibling.get_absolute_url()).text  # article:tag and keywords


def test_a_tag_added_in_a_shell_joins_the_article_and_its_related_posts(client, seeded, make_post, page_cache):
    other = make_post("Shares nothing yet")
    warm(client, ARTICLE, other.get_absolute_url())
    assert "Shares nothing yet" not in client.get(ARTICLE).text
    seeded.post.tags.add("shared")
    other.tags.add("shared")
    assert 'href="/tags/shared/"' in client.get(ARTICLE).text
    assert "Shares nothing yet" in client.get(ARTICLE).text
    assert SEED_SLUG in client.get(other.get_absolute_url()).text


def test_a_renamed_author_shows_on_the_article_its_card_and_json_ld(client, seeded, page_cache):
    warm(client, ARTICLE, "/")
    author = seeded.post.author
    author.name = "Tomasz Gotsman"
    author.bio = "Writes about frameworks."
    author.save()
    html = client.get(ARTICLE).text
    assert 'By <span class="byline-author">Tomasz Gotsman</span>' in html and "Writes about frameworks." in html
    assert json_ld(html)["@graph"][0]["author"]["name"] == "Tomasz Gotsman"
    assert "Tomasz Gotsman" in card_of(client.get("/").text, seeded.post.title)


def test_an_author_renamed_in_the_admin_shows_on_the_article(client, staff_client, seeded, page_cache):
    warm(client, ARTICLE)
    url = reverse("admin:blog_author_change", args=[seeded.post.author.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["name"] = "Admin-named Author"
    assert staff_client.post(url, data).status_code == 302
    assert "Admin-named Author" in client.get(ARTICLE).text


def test_faq_written_in_a_shell_shows_on_the_article_and_in_json_ld(client, seeded, page_cache):
    warm(client, ARTICLE)
    item = FaqItem.objects.create(post=seeded.post, question="Which is fastest?", answer="**FastAPI**, often.")
    html = client.get(ARTICLE).text
    assert "<summary>Which is fastest?</summary><p><strong>FastAPI</strong>, often.</p>" in html
    assert json_ld(html)["@graph"][-1]["mainEntity"][0]["name"] == "Which is fastest?"
    item.delete()
    assert "Which is fastest?" not in client.get(ARTICLE).text


def test_faq_and_tags_edited_in_the_post_form_show_on_the_article(client, staff_client, seeded, page_cache):
    warm(client, ARTICLE, "/")
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["tags"] = "from-the-form"
    prefix = next(key.removesuffix("-TOTAL_FORMS") for key in data if key.endswith("-TOTAL_FORMS") and "faq" in key)
    data.update({f"{prefix}-0-question": "Asked in the form?", f"{prefix}-0-answer": "Answered.",
                 f"{prefix}-0-position": "0", f"{prefix}-TOTAL_FORMS": "1"})  # fmt: skip
    data["publish_despite_warnings"] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.text[:2000]
    html = client.get(ARTICLE).text
    assert 'href="/tags/from-the-form/"' in html and "Asked in the form?" in html
    assert 'href="/tags/from-the-form/"' in card_of(client.get("/").text, seeded.post.title)


def test_an_entry_renamed_or_unpublished_changes_the_cards_that_name_it(client, seeded, page_cache):
    warm(client, "/", ARTICLE)
    flask = Framework.objects.get(slug="flask")
    flask.name = "Flask!"
    flask.save()
    assert '<a class="chip" href="/frameworks/flask/">Flask!</a>' in card_of(client.get("/").text, seeded.post.title)
    flask.status = "draft"
    flask.save()
    assert "/frameworks/flask/" not in card_of(client.get("/").text, seeded.post.title)
    names = [item["name"] for item in json_ld(client.get(ARTICLE).text)["@graph"][1]["itemListElement"]]
    assert "Flask!" not in names and "Reflex" in names


def test_absolute_urls_name_the_host_the_page_was_asked_on(client, seeded, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    for host in ("testserver", "other.example"):
        html = client.get(ARTICLE, HTTP_HOST=host).text
        assert json_ld(html)["@graph"][0]["url"] == f"http://{host}{ARTICLE}"
        assert f'<meta property="og:image" content="http://{host}/media/' in html
        assert "\ue000" not in html


def test_parts_another_release_rendered_are_rendered_again_when_read(client, seeded, make_post):
    sibling = make_post("The sibling", body="```framework reflex\n```")
    Post.objects.update(card_html="<p>qq-stale-card</p>", document_html="<p>qq-stale-page</p>", parts_release="old")
    assert "qq-stale" not in client.get(ARTICLE).text  # the article, and its related card
    assert "qq-stale" not in client.get("/").text
    assert not Post.objects.filter(parts_release="old").exists()  # stored for the next reader
    assert "The sibling" in client.get(ARTICLE).text and sibling.title in client.get("/").text


def test_a_scheduled_post_has_a_card_without_a_draft_badge_when_it_goes_live(client, make_post, monkeypatch):
    post = make_post("Goes live later", published_at=timezone.now() + timezone.timedelta(hours=1))
    assert "Goes live later" not in client.get("/").text
    later = timezone.now() + timezone.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    card = card_of(client.get("/").text, "Goes live later")
    assert "Draft" not in card
    assert "badge-draft" not in client.get(post.get_absolute_url()).text


def test_a_staff_preview_of_a_draft_shows_the_badge_and_is_never_cached(admin_client, make_post):
    post = make_post("Still a draft", status="draft")
    response = admin_client.get(post.get_absolute_url())
    assert "Draft preview: readers cannot see this page yet." in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert "private" in response["Cache-Control"]


def test_a_tag_given_to_an_entry_in_a_shell_shows_on_its_page_card_and_columns(client, seeded, page_cache):
    reflex = Framework.objects.get(slug="reflex")
    pages = [reflex.get_absolute_url(), "/frameworks/", "/compare/flask-vs-reflex/"]
    warm(client, *pages)
    reflex.tags.add("full-stack")
    for url in pages:
        assert 'href="/tags/full-stack/"' in client.get(url).text, url
    assert "Reflex" in client.get("/tags/full-stack/").text
    tag = Tag.objects.get(name="full-stack")
    tag.name = "Full stack"
    tag.save()
    for url in pages:
        assert ">Full stack</a>" in client.get(url).text, url
    assert json_ld(client.get(reflex.get_absolute_url()).text)["keywords"] == ["Full stack"]


def test_an_entry_page_names_the_host_it_was_asked_on(client, seeded):
    html = client.get("/frameworks/reflex/").text
    assert json_ld(html)["url"] == "http://testserver/frameworks/reflex/"
    assert '<meta property="og:image" content="http://testserver/media/' in html and "\ue000" not in html


def test_a_stored_page_keeps_or_drops_its_sections_and_fills_its_holes(rf):
    from config.stored_pages import HOLE, ORIGIN, fill, section

    document = f"<a href='{ORIGIN}/'>{section('draft', '<p>Draft</p>')}{HOLE.format('cards')}{HOLE.format('other')}"
    html = fill(document, rf.get("/"), shown={"other-section"}, cards="<p>Cards</p>")
    assert html == "<a href='http://testserver/'><p>Cards</p>" + HOLE.format("other")  # unfilled: left as it is
    assert "<p>Draft</p>" in fill(document, rf.get("/"), shown={"draft"}, cards="")


def test_a_writers_text_cannot_pass_for_the_markers_of_a_stored_page(client, make_post):
    """The marks are private-use characters: taken out of what people write, so a pasted page
    source can neither hide part of an article nor inject a list into it."""
    post = make_post(
        "Marks", body="Seen \ue001if draft\ue001 still seen \ue001end draft\ue001 \ue001related_cards\ue001"
    )
    html = client.get(post.get_absolute_url()).text
    assert "still seen" in html and "\ue001" not in html


def test_a_retitled_post_shows_in_the_covering_lists_of_its_entries(client, seeded, page_cache):
    """Covering lists join each post's stored line (Post.link_html): a retitle in a shell must
    reach the entry page and every comparison column listing it."""
    pages = ["/frameworks/reflex/", "/compare/flask-vs-reflex/"]
    warm(client, *pages)
    post = Post.objects.get(pk=seeded.post.pk)
    post.title = "Retitled roundup"
    post.save()
    for page in pages:
        assert '">Retitled roundup</a>' in client.get(page).text, page


def test_a_post_brought_forward_shows_on_the_cached_entry_page_at_once(client, make_framework, make_post, page_cache):
    """The covering list is read in copied dates: copying a moved date must also drop the cached
    entry page, which never listed the post (so never depended on it)."""
    make_framework("Litestar")
    later = timezone.now() + timezone.timedelta(days=1)
    scheduled = make_post("Scheduled", body="```framework litestar\n```", published_at=later)
    seen = make_post("Already there", body="```framework litestar\n```")
    page = client.get("/frameworks/litestar/").text
    assert seen.get_absolute_url() in page and scheduled.get_absolute_url() not in page
    scheduled.published_at = timezone.now() - timezone.timedelta(minutes=1)
    scheduled.save()
    assert scheduled.get_absolute_url() in client.get("/frameworks/litestar/").text
