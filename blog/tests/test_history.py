"""Revisions: who changed what and when, a readable diff, one-action restore, deleted posts recovered."""

import pytest
from django.urls import reverse
from reversion.models import Version

from blog.models import Post
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.admin_forms import admin_edit_pro, admin_form_data

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"


def edit_reflex_pro(staff_client, text):
    reflex = Framework.objects.get(slug="reflex")
    admin_edit_pro(staff_client, framework=reflex, label="Pure Python", text=text)
    return reflex


def test_the_import_is_a_revision(seeded):
    versions = Version.objects.get_for_object(seeded.post)
    assert versions.count() == 1 and versions[0].revision.comment.startswith("Imported from")


def test_history_lists_who_changed_an_entry_and_a_diff_shows_what(staff_client, seeded):
    reflex = edit_reflex_pro(staff_client, "Python from end to end.")
    history = staff_client.get(reverse("admin:frameworks_framework_history", args=[reflex.pk])).text
    assert "editor" in history and "Imported from" in history
    new, old = Version.objects.get_for_object(reflex)[:2]
    diff = staff_client.get(
        reverse("admin:frameworks_framework_compare", args=[reflex.pk]),
        {"version_id1": old.pk, "version_id2": new.pk},
    )
    assert diff.status_code == 200
    assert "Python from end to end." in diff.text and "Write both your frontend" in diff.text


def test_restoring_a_revision_brings_back_the_pros_everywhere(staff_client, client, seeded):
    reflex = edit_reflex_pro(staff_client, "A regrettable edit.")
    assert "A regrettable edit." in client.get(ARTICLE).text
    imported = Version.objects.get_for_object(reflex).last()
    url = reverse("admin:frameworks_framework_revision", args=[reflex.pk, imported.pk])
    form = admin_form_data(staff_client.get(url).text)
    assert staff_client.post(url, form).status_code == 302
    for page in (ARTICLE, "/frameworks/reflex/"):
        html = client.get(page).text
        assert "A regrettable edit." not in html and "Write both your frontend and backend code" in html
    assert Version.objects.get_for_object(reflex)[0].revision.comment.startswith("Reverted to previous version")


def test_a_deleted_post_can_be_recovered(staff_client, client, seeded):
    post = seeded.post
    staff_client.post(reverse("admin:blog_post_delete", args=[post.pk]), {"post": "yes"})
    assert not Post.objects.exists()
    assert post.title in staff_client.get(reverse("admin:blog_post_recoverlist")).text
    version = Version.objects.get_deleted(Post).get()
    url = reverse("admin:blog_post_recover", args=[version.pk])
    form = admin_form_data(staff_client.get(url).text)
    assert staff_client.post(url, form).status_code == 302
    assert client.get(ARTICLE).status_code == 200 and "Pure Python" in client.get(ARTICLE).text


def test_bulk_publish_and_unpublish_show_in_the_history(staff_client, seeded):
    changelist = reverse("admin:blog_post_changelist")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [seeded.post.pk]})
    staff_client.post(changelist, {"action": "publish", "_selected_action": [seeded.post.pk]})
    comments = [v.revision.comment for v in Version.objects.get_for_object(seeded.post)]
    assert comments[:2] == ["Bulk action: published.", "Bulk action: moved back to draft."]
    history = staff_client.get(reverse("admin:blog_post_history", args=[seeded.post.pk])).text
    assert "Bulk action: published." in history
