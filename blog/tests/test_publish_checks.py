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
