"""A full or failing disk costs the one save that needed it, with a designed page, and nothing else.

The risk: an upload or a social card that cannot be written answered with a traceback (500),
or left half a save behind.
"""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from blog.models import Post
from blog.tests.test_admin import png_upload
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def test_an_upload_on_a_full_disk_gets_the_503_page_and_changes_nothing(staff_client, client, seeded, monkeypatch):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data.update(hero_image=png_upload("hero.png"), hero_alt="Hero", description="Saved with the hero")

    def full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    response = staff_client.post(url, data)
    assert response.status_code == 503 and "file storage" in response.text
    assert response["Retry-After"] == "30"
    post = Post.objects.get()
    assert not post.hero_image and post.description != "Saved with the hero"
    assert client.get(post.get_absolute_url()).status_code == 200
