"""Before publishing, the admin warns about missing alt text, broken internal links and unpublished embeds."""

import pytest
from django.urls import reverse

from blog.models import Post
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

PROBLEMS = (
    "Intro.\n\n![](/media/x.png)\n\n[a dead link](/blog/no-such-post/)\n\n[fine](/frameworks/reflex/)\n\n"
    "```framework hidden\n```\n"
)


@pytest.fixture
def draft(seeded, make_post, make_framework):
    make_framework("Hidden", status="draft")
    return make_post("Needs checking", status="draft", body=PROBLEMS)


def publish(staff_client, post, **extra):
    url = reverse("admin:blog_post_change", args=[post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data.update(status="published", **extra)
    return staff_client.post(url, data)


def test_publishing_with_problems_is_held_back_with_each_warning(staff_client, draft):
    response = publish(staff_client, draft)
    assert response.status_code == 200
    text = response.text
    assert "An image has no alt text" in text
    assert "The link to /blog/no-such-post/ leads nowhere" in text
    assert "/frameworks/reflex/ leads nowhere" not in text
    assert "The framework entry “hidden” is not published" in text
    assert Post.objects.get(pk=draft.pk).status == "draft"


def test_the_editor_may_publish_anyway(staff_client, draft):
    assert publish(staff_client, draft, publish_anyway="on").status_code == 302
    assert Post.objects.get(pk=draft.pk).status == "published"


def test_a_clean_post_publishes_without_questions(staff_client, make_post):
    post = make_post("Clean", status="draft", body="All good.")
    assert publish(staff_client, post).status_code == 302


def publish_anyway_box(html: str) -> bool:
    return 'type="checkbox" name="publish_anyway"' in html


def test_the_publish_anyway_box_shows_only_with_warnings(staff_client, draft, make_post):
    """An editor sees the way past the warnings when there are warnings, and only then."""
    url = reverse("admin:blog_post_change", args=[draft.pk])
    page = staff_client.get(url).text
    assert not publish_anyway_box(page) and 'class="form-row hidden field-publish_anyway"' in page
    held = publish(staff_client, draft)
    assert held.status_code == 200 and publish_anyway_box(held.text)
    clean = make_post("Clean draft", status="draft", body="All good.")
    refused = publish(staff_client, clean, title="")  # held back for another reason
    assert refused.status_code == 200 and not publish_anyway_box(refused.text)
