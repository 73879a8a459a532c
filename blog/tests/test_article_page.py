"""What a reader sees on the seed article: every sentence, list item, heading, link and figure."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from markdown_it import MarkdownIt

from config.markdown.fences import Fence, split_fences
from conftest import SEED_FRAMEWORKS, SEED_SLUG

pytestmark = pytest.mark.django_db

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}


class Blocks(HTMLParser):
    """Collects the text of each block element and every link, id, image and meta tag."""

    def __init__(self):
        super().__init__()
        self.blocks, self.links, self.ids, self.images, self.meta = [], [], set(), [], {}
        self.stack: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        if tag == "meta":
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.meta["canonical"] = attrs["href"]
        if tag in BLOCK_TAGS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.blocks.append(text)

    def handle_data(self, data):
        for frame in self.stack:
            frame.append(data)


def parse(html: str) -> Blocks:
    parser = Blocks()
    parser.feed(html)
    return parser


def seed_reader_content(seed_file) -> Blocks:
    """The seed rendered by a plain CommonMark renderer (none of our rules, no sanitiser),
    exec/eval blocks aside: what must reach readers."""
    text = seed_file.read_text()
    body = text.split("---\n", 2)[2]
    kept = ["\n".join(part.lines) for part in split_fences(body) if not isinstance(part, Fence)]
    return parse(MarkdownIt("commonmark").render("\n\n".join(kept)))


@pytest.fixture
def article(client, seeded):
    response = client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG}))
    assert response.status_code == 200
    return response


def test_every_paragraph_list_item_and_heading_of_the_seed_is_on_the_page(article, seed_file):
    page_blocks = parse(article.text).blocks
    missing = [block for block in seed_reader_content(seed_file).blocks if block not in page_blocks]
    assert missing == []


def test_every_link_of_the_seed_is_on_the_page(article, seed_file):
    page_links = parse(article.text).links
    assert [link for link in seed_reader_content(seed_file).links if link not in page_links] == []


def test_every_in_page_anchor_resolves(article):
    page = parse(article.text)
    anchors = [link[1:] for link in page.links if link.startswith("#")]
    assert {"reflex", "django", "flask", "streamlit", "gradio", "plotly-dash", "fastapi"} <= set(anchors)
    assert [anchor for anchor in anchors if anchor not in page.ids] == []


def test_figure_is_an_image_with_alt_text_and_caption(client, article):
    page = parse(article.text)
    figure = next(img for img in page.images if img.get("alt") == "Github Top Programming Languages")
    assert "Github top programming languages 2024" in page.blocks
    image = client.get(figure["src"])
    assert image.status_code == 200 and image["Content-Type"] == "image/webp"


def test_head_carries_title_description_keywords_author_and_share_image(client, article):
    page = parse(article.text)
    assert "<title>Top Python Web Development Frameworks in 2026 · " in article.text
    assert page.meta["description"] == "Reflex vs Django vs Flask vs Gradio vs Streamlit vs Dash vs FastAPI"
    assert page.meta["keywords"].startswith("streamlit python, streamlit, streamlit alternatives")
    assert page.meta["author"] == "Tom Gotsman"
    assert page.meta["canonical"] == f"http://testserver/blog/{SEED_SLUG}/"
    card = client.get(page.meta["og:image"].removeprefix("http://testserver"))
    assert card.status_code == 200 and card["Content-Type"] == "image/png"


def test_byline_shows_author_and_publication_date(article):
    assert "Tom Gotsman" in article.text
    assert '<time datetime="2026-01-09T00:00:00+00:00">9 January 2026</time>' in article.text


def test_each_framework_section_links_to_its_page(article):
    links = parse(article.text).links
    for slug in SEED_FRAMEWORKS:
        assert reverse("frameworks:detail", kwargs={"slug": slug}) in links


def test_anonymous_reader_gets_404_for_a_draft_post(client, make_post):
    post = make_post(status="draft")
    assert client.get(post.get_absolute_url()).status_code == 404


def test_anonymous_reader_gets_404_for_a_post_scheduled_later(client, make_post):
    from django.utils import timezone

    post = make_post(published_at=timezone.now() + timezone.timedelta(days=1))
    assert client.get(post.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_at_its_real_url_uncached(staff_client, make_post):
    post = make_post(title="Secret plans", status="draft")
    response = staff_client.get(post.get_absolute_url())
    assert response.status_code == 200 and "Secret plans" in response.text
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.text


def test_404_page_is_designed(client):
    response = client.get("/blog/no-such-post/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text and 'href="/frameworks/"' in response.text


def test_article_page_costs_a_fixed_number_of_queries(client, seeded, make_framework, django_assert_num_queries):
    for _ in range(5):
        make_framework()
    with django_assert_num_queries(2):  # the post's row with its stored parts; related posts (none)
        client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG}))


def test_hostile_html_in_the_body_is_sanitised(client, make_post):
    post = make_post(body='<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))')
    html = client.get(post.get_absolute_url()).text
    assert "<script>alert" not in html and "onerror" not in html and 'href="javascript:' not in html
    # What the editor wrote stays readable, as text: GFM's tag filter and an unlinked bad scheme.
    assert "&lt;script&gt;alert(1)" in html and "[x](javascript:alert(3))" in html


@pytest.mark.parametrize("count", [1, 12])
def test_related_posts_cost_the_same_however_many(client, seeded, make_post, django_assert_num_queries, count):
    for _ in range(count):
        make_post(body="```framework reflex\n```", tags=["web"])
    # the post's row; related posts, scored with their stored cards
    with django_assert_num_queries(2):
        client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG}))


def test_related_posts_refuse_a_queryset_their_ranking_cannot_honour(seeded):
    from blog.models import Post

    with pytest.raises(ValueError):
        Post.objects.published().filter(tags__name="web").related_cards_sql(
            post_id=seeded.post.pk, tags=[1], entries=[], content_type=1
        )
