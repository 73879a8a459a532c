"""What an editor can do with framework entries in the admin, and what readers see after."""

import pytest
from django.urls import reverse

from blog.models import Post
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.admin_forms import admin_edit_pro, admin_form_data

pytestmark = pytest.mark.django_db


def test_change_forms_open_with_pros_and_cons_inlines_and_view_on_site(staff_client, seeded):
    reflex = Framework.objects.get(slug="reflex")
    response = staff_client.get(reverse("admin:frameworks_framework_change", args=[reflex.pk]))
    assert "Pure Python" in response.text and "Breaking changes" in response.text
    assert "View on site" in response.text
    response = staff_client.get(reverse("admin:blog_post_change", args=[seeded.post.pk]))
    assert "markdownx" in response.text and "Reflex, Django, Flask" in response.text


def test_changing_one_pro_shows_on_the_entry_page_and_the_article(staff_client, client, seeded):
    reflex = Framework.objects.get(slug="reflex")
    text = "Frontend and backend in one language, edited in the admin."
    admin_edit_pro(staff_client, framework=reflex, label="Pure Python", text=text)
    for page in (reflex.get_absolute_url(), reverse("blog:detail", kwargs={"slug": SEED_SLUG})):
        assert "Frontend and backend in one language, edited in the admin." in client.get(page).text
    assert Post.objects.get().body == seeded.post.body  # the post itself was not touched


def test_unpublishing_an_entry_removes_its_section_from_the_article(staff_client, client, seeded):
    gradio = Framework.objects.get(slug="gradio")
    staff_client.post(
        reverse("admin:frameworks_framework_changelist"),
        {"action": "unpublish", "_selected_action": [gradio.pk]},
    )
    article = client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG})).text
    assert "Create and share machine learning interfaces" not in article
    assert client.get(gradio.get_absolute_url()).status_code == 404


def test_renaming_an_entry_slug_keeps_its_section_in_every_article(staff_client, client, seeded):
    dash = Framework.objects.get(slug="plotly-dash")
    url = reverse("admin:frameworks_framework_change", args=[dash.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["slug"] = "dash"
    assert staff_client.post(url, data).status_code == 302
    body = Post.objects.get().body
    assert "```framework dash\n```" in body and "[**Plotly Dash**](#dash)" in body
    article = client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG})).text
    assert "Interactive data apps &amp; dashboards" in article and 'href="/frameworks/dash/"' in article


def test_deleting_an_entry_removes_its_section_from_the_article(staff_client, client, seeded):
    gradio = Framework.objects.get(slug="gradio")
    response = staff_client.post(reverse("admin:frameworks_framework_delete", args=[gradio.pk]), {"post": "yes"})
    assert response.status_code == 302
    article = client.get(reverse("blog:detail", kwargs={"slug": SEED_SLUG})).text
    assert "Create and share machine learning interfaces" not in article and "Plotly Dash" in article
