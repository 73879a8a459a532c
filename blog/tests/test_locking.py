"""Two people editing one object: the second save is refused with who changed it; nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Post
from frameworks.models import Framework
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(django_user_model):
    clients = []
    for name in ("alice", "bob"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.com", "pw")
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_second_save_of_a_post_is_refused_and_names_who_saved(two_editors, seeded):
    alice, bob = two_editors
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    alice_form, bob_form = admin_form_data(alice.get(url).text), admin_form_data(bob.get(url).text)
    alice_form["description"] = "Alice's description"
    assert alice.post(url, alice_form).status_code == 302
    bob_form["description"] = "Bob's description"
    response = bob.post(url, bob_form)
    assert response.status_code == 200
    assert "alice saved this at" in response.text and "reload the page" in response.text
    assert Post.objects.get().description == "Alice's description"


def test_after_reloading_the_second_editor_can_save(two_editors, seeded):
    alice, bob = two_editors
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    bob_stale = admin_form_data(bob.get(url).text)
    alice.post(url, admin_form_data(alice.get(url).text))
    assert bob.post(url, bob_stale).status_code == 200
    fresh = admin_form_data(bob.get(url).text)
    fresh["description"] = "Bob, after reloading"
    assert bob.post(url, fresh).status_code == 302
    assert Post.objects.get().description == "Bob, after reloading"


def test_entries_are_locked_too_pros_included(two_editors, seeded):
    alice, bob = two_editors
    reflex = Framework.objects.get(slug="reflex")
    url = reverse("admin:frameworks_framework_change", args=[reflex.pk])
    alice_form, bob_form = admin_form_data(alice.get(url).text), admin_form_data(bob.get(url).text)
    alice_form["pros-0-text"] = "Alice's pro"
    assert alice.post(url, alice_form).status_code == 302
    bob_form["pros-0-text"] = "Bob's pro"
    assert "alice saved this" in bob.post(url, bob_form).text
    assert reflex.pros.get(position=0).text == "Alice's pro"


def test_a_restore_counts_as_a_save_for_the_lock(two_editors, seeded):
    from reversion.models import Version

    alice, bob = two_editors
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    alice_form = admin_form_data(alice.get(url).text)
    imported = Version.objects.get_for_object(seeded.post).last()
    revision_url = reverse("admin:blog_post_revision", args=[seeded.post.pk, imported.pk])
    assert bob.post(revision_url, admin_form_data(bob.get(revision_url).text)).status_code == 302
    alice_form["description"] = "Alice, unaware of the restore"
    assert "bob saved this" in alice.post(url, alice_form).text
