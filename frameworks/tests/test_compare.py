"""Side-by-side comparisons and alternatives: one canonical URL, same entries as the article."""

import pytest
from django.urls import reverse

from frameworks.models import Framework

pytestmark = pytest.mark.django_db


def compare(*slugs):
    return reverse("frameworks:compare", kwargs={"slugs": "-vs-".join(slugs)})


def test_any_order_redirects_permanently_to_one_canonical_page(client, seeded):
    response = client.get(compare("flask", "django"))
    assert response.status_code == 301 and response["Location"] == compare("django", "flask")
    assert client.get(compare("django", "flask")).status_code == 200


def test_comparison_shows_taglines_and_every_pro_and_con(client, seeded):
    html = client.get(compare("django", "flask")).text
    for slug in ("django", "flask"):
        framework = Framework.objects.get(slug=slug)
        assert framework.tagline in html
        for point in [*framework.pros.all(), *framework.cons.all()]:
            assert f"<strong>{point.label}</strong>: {point.text_html}" in html


def test_comparison_shows_website_tags_and_covering_articles(client, seeded):
    Framework.objects.get(slug="fastapi").tags.add("async")
    html = client.get(compare("fastapi", "reflex", "streamlit")).text
    assert 'href="https://fastapi.tiangolo.com"' in html and 'href="/tags/async/"' in html
    assert html.count(f'href="{seeded.post.get_absolute_url()}"') == 3


def test_an_edit_to_an_entry_shows_in_its_comparisons(client, seeded):
    con = Framework.objects.get(slug="gradio").cons.get(label="Scalability")
    con.text = "Edited once, shown everywhere."
    con.save()
    assert "Edited once, shown everywhere." in client.get(compare("gradio", "reflex")).text


@pytest.mark.parametrize(
    "slugs",
    [("django",), ("django", "django"), ("a", "b", "c", "d", "e"), ("django", "nope"), ("django", "fl@sk")],
)
def test_bad_comparisons_are_404(client, seeded, slugs):
    assert client.get(compare(*slugs)).status_code == 404


def test_a_draft_entry_cannot_be_compared(client, seeded, make_framework):
    make_framework("Hidden", status="draft")
    assert client.get(compare("django", "hidden")).status_code == 404
    picker = client.get(reverse("frameworks:compare_picker"), {"f": ["django", "hidden"]})
    assert picker.status_code == 200 and "Hidden" not in picker.text  # the draft is not a choice
    assert "Hidden" not in client.get(reverse("frameworks:list")).text


def test_picker_form_goes_to_the_canonical_comparison(client, seeded):
    response = client.get(reverse("frameworks:compare_picker"), {"f": ["reflex", "django"]})
    assert response.status_code == 302 and response["Location"] == compare("django", "reflex")


def test_picker_with_too_few_choices_explains_and_offers_the_form_again(client, seeded):
    response = client.get(reverse("frameworks:compare_picker"), {"f": ["reflex"]})
    assert response.status_code == 200
    assert "Choose between 2 and 4" in response.text and 'value="reflex" checked' in response.text


def test_list_and_entry_pages_carry_the_picker(client, seeded):
    assert 'action="/compare/"' in client.get(reverse("frameworks:list")).text
    detail = client.get(reverse("frameworks:detail", kwargs={"slug": "flask"})).text
    assert '<input type="hidden" name="f" value="flask">' in detail and '<option value="django">' in detail
    assert '<option value="flask">' not in detail


def test_alternatives_are_ranked_by_shared_tags_then_articles(client, seeded, make_framework):
    Framework.objects.get(slug="flask").tags.add("micro", "wsgi")
    Framework.objects.get(slug="django").tags.add("wsgi")
    make_framework("Bottle", tags=["micro", "wsgi"])
    make_framework("Unrelated", tags=["desktop"])
    html = client.get(reverse("frameworks:alternatives", kwargs={"slug": "flask"})).text
    assert html.index("Bottle") < html.index("Django") < html.index("Reflex")
    assert "Unrelated" not in html
    assert f'href="{compare("bottle", "flask")}"' in html


def test_alternatives_never_list_drafts(client, seeded, make_framework):
    make_framework("Hidden", status="draft", tags=["micro"])
    Framework.objects.get(slug="flask").tags.add("micro")
    html = client.get(reverse("frameworks:alternatives", kwargs={"slug": "flask"})).text
    assert "Hidden" not in html
    assert client.get(reverse("frameworks:alternatives", kwargs={"slug": "hidden"})).status_code == 404


@pytest.mark.parametrize("count", [2, 4])
def test_comparison_queries_do_not_grow(client, make_framework, make_post, django_assert_num_queries, count):
    slugs = sorted(make_framework(tags=["web"]).slug for _ in range(count))
    for _ in range(5):
        make_post(body="\n\n".join(f"```framework {slug}\n```" for slug in slugs))
    with django_assert_num_queries(2):  # entries with their stored columns, covering posts
        client.get(compare(*slugs))


@pytest.mark.parametrize("count", [2, 30])
def test_alternatives_queries_do_not_grow(client, make_framework, django_assert_num_queries, count):
    framework = make_framework("Base", tags=["web"])
    for _ in range(count):
        make_framework(tags=["web"])
    with django_assert_num_queries(5):  # entry, its tags, its posts, ranked alternatives, their tags
        client.get(reverse("frameworks:alternatives", kwargs={"slug": framework.slug}))


@pytest.mark.parametrize("count", [1, 20])
def test_picker_page_queries_do_not_grow(client, make_framework, django_assert_num_queries, count):
    for _ in range(count):
        make_framework()
    with django_assert_num_queries(1):  # the choices
        client.get(reverse("frameworks:compare_picker"), {"f": "x"})


def test_picker_choices_are_escaped_and_keep_what_was_ticked(client, seeded, make_framework):
    make_framework(name='<b onmouseover="x">Bold</b> & co', slug="bold")
    for url in ("/frameworks/", "/frameworks/reflex/", "/compare/?f=bold"):
        html = client.get(url).text
        assert "&lt;b onmouseover=&quot;x&quot;&gt;Bold&lt;/b&gt; &amp; co" in html, url
        assert '<b onmouseover="x">' not in html, url
    assert '<input type="checkbox" name="f" value="bold" checked>' in client.get("/compare/?f=bold").text
    assert '<input type="checkbox" name="f" value="flask">' in client.get("/compare/?f=bold").text
