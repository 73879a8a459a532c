"""Share links for reviewers without an account: signed, expiring, revocable, never cached."""

import re

import pytest
from django.urls import reverse

from blog.models import Post
from blog.previews import post_for_token, preview_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_post):
    return make_post("Embargoed comparison", status="draft", body="Secret **findings**.")


def test_share_link_shows_the_draft_as_readers_will_see_it(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "Embargoed comparison" in response.text and "Secret <strong>findings</strong>." in response.text
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_tampered_link_is_refused(client, draft):
    url = preview_url(draft)
    response = client.get(url[:-3] + "xx/")
    assert response.status_code == 410 and "not valid" in response.text


def test_links_expire(client, draft, settings):
    url = preview_url(draft)
    settings.PREVIEW_LINK_DAYS = -1
    response = client.get(url)
    assert response.status_code == 410 and "expired" in response.text


def test_revoking_cancels_every_link(client, staff_client, draft):
    url = preview_url(draft)
    staff_client.post(
        reverse("admin:blog_post_changelist"), {"action": "revoke_preview_links", "_selected_action": [draft.pk]}
    )
    response = client.get(url)
    assert response.status_code == 410 and "revoked" in response.text
    assert client.get(preview_url(Post.objects.get(pk=draft.pk))).status_code == 200


def test_editors_find_the_link_on_the_post(staff_client, draft):
    html = staff_client.get(reverse("admin:blog_post_change", args=[draft.pk])).text
    # The token carries the second it was signed in, so compare what it opens, not its text.
    token = re.search(r"/preview/([^/\"]+)/", html)[1]
    assert post_for_token(token, Post.objects.all()) == draft
