"""Importing from the admin: the same checks and result as import_post, errors on the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.models import Post
from conftest import SEED_ASSETS
from frameworks.models import Framework

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:blog_post_import")


def upload(path, content_type="text/markdown"):
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type)


def test_changelist_offers_the_import(staff_client):
    assert f'href="{IMPORT}"' in staff_client.get(reverse("admin:blog_post_changelist")).text


def test_editor_imports_the_seed_with_its_figure(staff_client, seed_file, media_root):
    figure = next(SEED_ASSETS.iterdir())
    response = staff_client.post(
        IMPORT, {"markdown": upload(seed_file), "images": [upload(figure, "image/webp")], "as_draft": "on"}, follow=True
    )
    post = Post.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:blog_post_change", args=[post.pk])
    assert "Imported “Top Python Web Development Frameworks in 2026”" in response.text
    assert "Hero image /blog/top_python_web_frameworks_2026.png not found" in response.text
    assert post.status == "draft" and Framework.objects.count() == 7
    assert any(p.name.endswith(".webp") for p in (media_root / "figures").iterdir())


def test_a_broken_file_shows_the_error_on_the_form_and_stores_nothing(staff_client, tmp_path, media_root):
    bad = tmp_path / "broken.md"
    bad.write_text("---\ntitle: Broken\n")
    response = staff_client.post(IMPORT, {"markdown": upload(bad)})
    assert response.status_code == 200
    assert "broken.md: the front matter opened on line 1 has no closing" in response.text
    assert not Post.objects.exists() and not media_root.exists()


def test_a_fake_image_is_refused_on_the_form(staff_client, tmp_path):
    post = tmp_path / "post.md"
    post.write_text('---\ntitle: T\ndate: 2025-01-01\n---\n```python eval\nrx.image(src="/x.png", alt="x")\n```\n')
    fake = SimpleUploadedFile("x.png", b"not really a png", content_type="image/png")
    response = staff_client.post(IMPORT, {"markdown": upload(post), "images": [fake]})
    assert "not a valid image" in response.text and not Post.objects.exists()


def test_authors_cannot_import(django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    user = django_user_model.objects.create_user("ann", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Author"))
    client = Client()
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
