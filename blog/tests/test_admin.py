"""What an editor can do in the admin, and what bad input gets there."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.models import Author, Post
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def png_upload(name="ok.png", size=(30, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def media_files(media_root):
    return sorted(p.name for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:blog_post_changelist",
        "admin:blog_post_add",
        "admin:frameworks_framework_changelist",
        "admin:frameworks_framework_add",
        "admin:blog_author_changelist",
        "admin:taggit_tag_changelist",
    ],
)
def test_admin_pages_open(staff_client, seeded, url_name):
    assert staff_client.get(reverse(url_name)).status_code == 200


def test_changelists_filter_by_status_and_search(staff_client, seeded, make_post):
    make_post("A draft about Bottle", status="draft")
    response = staff_client.get(reverse("admin:blog_post_changelist"), {"status__exact": "draft"})
    assert "A draft about Bottle" in response.text and "Top Python Web" not in response.text
    response = staff_client.get(reverse("admin:frameworks_framework_changelist"), {"q": "Starlette"})
    assert "FastAPI" in response.text and "Gradio" not in response.text


def test_fake_hero_image_is_refused_with_a_form_error_and_no_file(staff_client, seeded, media_root):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    before = media_files(media_root)
    data["hero_image"] = SimpleUploadedFile("hero.png", b"GIF89a but not really", content_type="image/png")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.text
    assert media_files(media_root) == before
    assert not Post.objects.get().hero_image


def test_oversized_hero_image_is_refused(staff_client, seeded, settings):
    settings.IMAGE_MAX_PIXELS = 100
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["hero_image"] = png_upload(size=(20, 20))
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "the limit is 100 pixels" in response.text


def test_real_hero_image_is_accepted_and_used_for_sharing(staff_client, client, seeded):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["hero_image"] = png_upload("hero.png")
    data["hero_alt"] = "A hero"
    assert staff_client.post(url, data).status_code == 302
    html = client.get(seeded.post.get_absolute_url()).text
    assert '<meta property="og:image" content="http://testserver/media/heroes/hero' in html


def test_post_embedding_an_unknown_entry_is_refused(staff_client, seeded):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["body"] += "\n```framework no-such-thing\n```\n"
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "No framework entry with the slug: no-such-thing" in response.text


def test_editor_creates_a_post_from_the_admin(staff_client, client, db):
    author = Author.objects.create(name="Ada", slug="ada")
    response = staff_client.post(
        reverse("admin:blog_post_add"),
        {
            "title": "Hello",
            "slug": "hello",
            "author": author.pk,
            "status": "published",
            "published_at_0": "2025-01-01",
            "published_at_1": "10:00:00",
            "body": "Hi **there**.",
            "faq_items-TOTAL_FORMS": "0",
            "faq_items-INITIAL_FORMS": "0",
            "extra_front_matter": "{}",
            "tags": "intro",
        },
    )
    assert response.status_code == 302
    assert "Hi <strong>there</strong>." in client.get("/blog/hello/").text


def test_preview_uses_the_public_renderer_with_embeds_and_sanitiser(staff_client, seeded):
    response = staff_client.post(
        reverse("markdownx_markdownify"),
        {"content": "Hi <script>alert(1)</script>\n\n```framework reflex\n```\n\n```framework ghost\n```"},
    )
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "Create full-stack web apps using only Python" in response.text
    assert "No framework entry with the slug “ghost”" in response.text


def test_preview_and_upload_are_closed_to_anonymous_users(client, db):
    assert client.post(reverse("markdownx_markdownify"), {"content": "x"}).status_code == 302
    assert client.post(reverse("markdownx_upload"), {"image": png_upload()}).status_code == 302


def test_editor_upload_refuses_a_fake_image(staff_client, media_root):
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = staff_client.post(reverse("markdownx_upload"), {"image": fake}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 400
    assert media_files(media_root) == []


def test_editor_upload_stores_a_real_image(staff_client):
    response = staff_client.post(
        reverse("markdownx_upload"), {"image": png_upload()}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200 and response.json()["image_code"].startswith("![](/media/uploads/")


def test_hero_image_over_the_byte_limit_is_refused(staff_client, seeded, settings, media_root):
    settings.IMAGE_MAX_BYTES = 50
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    before = media_files(media_root)
    data["hero_image"] = png_upload(size=(20, 20))
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "; the limit is 50 bytes." in response.text
    assert media_files(media_root) == before
