"""Changing a published slug keeps the old URL working with a permanent redirect."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from frameworks.models import Framework
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def rename(staff_client, admin_name, pk, slug):
    url = reverse(f"admin:{admin_name}_change", args=[pk])
    data = admin_form_data(staff_client.get(url).text)
    data["slug"] = slug
    assert staff_client.post(url, data).status_code == 302


def test_renamed_post_redirects_permanently_even_after_a_second_rename(staff_client, client, seeded):
    old = seeded.post.get_absolute_url()
    rename(staff_client, "blog_post", seeded.post.pk, "python-frameworks-2026")
    rename(staff_client, "blog_post", seeded.post.pk, "python-frameworks")
    for path in (old, "/blog/python-frameworks-2026/"):
        response = client.get(path)
        assert response.status_code == 301 and response["Location"] == "/blog/python-frameworks/"
    assert client.get("/blog/python-frameworks/").status_code == 200


def test_renamed_entry_redirects_its_page_and_alternatives(staff_client, client, seeded):
    rename(staff_client, "frameworks_framework", Framework.objects.get(slug="plotly-dash").pk, "dash")
    assert client.get("/frameworks/plotly-dash/")["Location"] == "/frameworks/dash/"
    assert client.get("/frameworks/plotly-dash/alternatives/")["Location"] == "/frameworks/dash/alternatives/"


def test_renamed_tag_redirects(staff_client, client, seeded):
    seeded.post.tags.add("py")
    rename(staff_client, "taggit_tag", Tag.objects.get(slug="py").pk, "python")
    response = client.get("/tags/py/")
    assert response.status_code == 301 and response["Location"] == "/tags/python/"


def test_merging_tags_moves_their_items_and_redirects(staff_client, client, seeded, make_post):
    seeded.post.tags.add("web", "webdev")
    make_post("Other", tags=["web"])
    tags = Tag.objects.filter(slug__in=["web", "webdev"])
    staff_client.post(
        reverse("admin:taggit_tag_changelist"), {"action": "merge_tags", "_selected_action": [t.pk for t in tags]}
    )
    assert list(Tag.objects.filter(slug__startswith="web").values_list("slug", flat=True)) == ["web"]
    assert set(seeded.post.tags.names()) == {"web"}
    assert client.get("/tags/webdev/")["Location"] == "/tags/web/"
