"""A draft post and a draft entry appear on no page an anonymous reader can open."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(seeded, make_post, make_framework):
    secret_entry = make_framework("Zzsecretframework", status="draft", tags=["shared-tag", "only-drafts"])
    secret_post = make_post(
        "Zzsecretpost",
        status="draft",
        body="```framework zzsecretframework\n```\n\n```framework reflex\n```",
        tags=["shared-tag", "only-drafts"],
    )
    companion = make_post("Public companion", body="```framework reflex\n```", tags=["shared-tag"])
    # A published post that embeds the draft entry: the entry must still not show through it.
    carrier = make_post(
        "Public with draft embed", body="Intro.\n\n```framework zzsecretframework\n```", tags=["shared-tag"]
    )
    return {"entry": secret_entry, "post": secret_post, "public": [companion, carrier]}


def public_pages(drafts):
    yield "/"
    yield reverse("frameworks:list")
    yield reverse("blog:tag", kwargs={"slug": "shared-tag"})
    for slug in ["reflex", "django", "flask", "streamlit", "gradio", "plotly-dash", "fastapi"]:
        yield reverse("frameworks:detail", kwargs={"slug": slug})
    yield reverse("blog:detail", kwargs={"slug": "top-python-web-development-frameworks-in-2026"})
    for post in drafts["public"]:
        yield post.get_absolute_url()


def test_no_public_page_mentions_a_draft(client, drafts):
    for url in public_pages(drafts):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "zzsecret" not in response.text.lower(), url


def test_draft_urls_and_draft_only_tags_are_404(client, drafts):
    assert client.get(drafts["post"].get_absolute_url()).status_code == 404
    assert client.get(drafts["entry"].get_absolute_url()).status_code == 404
    assert client.get(reverse("blog:tag", kwargs={"slug": "only-drafts"})).status_code == 404
