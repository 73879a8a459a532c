"""Reading aids: contents, heading anchors, reading time, zoomable figures, code colours, related posts."""

import pytest
from django.urls import reverse

from conftest import SEED_SLUG

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"


def test_long_post_has_a_table_of_contents_linking_every_section(client, seeded):
    html = client.get(ARTICLE).text
    contents = html.split('<nav aria-label="Contents">')[1].split("</nav>")[0]
    for anchor in ("reflex", "django", "plotly-dash", "fastapi", "conclusion"):
        assert f'href="#{anchor}"' in contents and f'id="{anchor}"' in html


def test_short_post_has_no_table_of_contents(client, make_post):
    post = make_post(body="## One\n\nText.\n\n## Two\n\nMore.")
    assert 'aria-label="Contents"' not in client.get(post.get_absolute_url()).text


def test_headings_carry_a_link_to_themselves(client, seeded):
    html = client.get(ARTICLE).text
    assert '<a class="heading-anchor" href="#conclusion" aria-label="Link to the section “Conclusion”"></a>' in html


def test_reading_time_is_shown(client, seeded):
    assert "min read" in client.get(ARTICLE).text
    assert seeded.post.reading_minutes == round(seeded.post.word_count / 230)


def test_figure_opens_larger_without_javascript(client, seeded):
    html = client.get(ARTICLE).text
    assert '<a class="figure-link" href="#zoom-1"' in html
    assert (
        '<a class="lightbox" id="zoom-1" href="#figure-1"' in html and '<figure class="figure" id="figure-1">' in html
    )


def test_code_is_highlighted_with_pygments(client, make_post):
    post = make_post(body="```python\ndef hello():\n    return 1\n```")
    html = client.get(post.get_absolute_url()).text
    assert '<div class="highlight">' in html and '<span class="k">def</span>' in html
    assert "css/pygments.css" in html


def test_updated_date_is_shown_when_it_differs(client, make_post):
    from django.utils import timezone

    post = make_post(updated_at=timezone.now() + timezone.timedelta(days=30))
    assert "· Updated <time" in client.get(post.get_absolute_url()).text
    same = make_post()
    same.updated_at = same.published_at
    same.save()
    assert "Updated" not in client.get(same.get_absolute_url()).text


def test_related_posts_share_tags_or_entries_and_are_never_drafts(client, seeded, make_post):
    make_post("Shares Reflex", body="```framework reflex\n```")
    make_post("Shares nothing", body="Hi.")
    make_post("Draft sharing Reflex", body="```framework reflex\n```", status="draft")
    html = client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG})).text
    related = html.split('id="related"')[1]
    assert "Shares Reflex" in related
    assert "Shares nothing" not in related and "Draft sharing Reflex" not in related
