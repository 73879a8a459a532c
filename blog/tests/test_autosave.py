"""Autosave on the server: kept per user and object, within the roles, offered back, never applied
over someone else's save, never saved into the object itself."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from config.editorial.models import Autosave
from config.publishing import Status
from frameworks.models import FactKind
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def anns_draft(author, make_post, make_author):
    return make_post("Ann's draft", status=Status.DRAFT, body="First words.", author=make_author("Ann", user=author[0]))


def form(client, url, **changes) -> dict:
    return {**admin_form_data(client.get(url).text), **changes}


def keep_url(post):
    return reverse("admin:blog_post_autosave", args=[post.pk])


def test_a_copy_is_kept_per_user_and_object_and_the_post_is_untouched(author, editor, anns_draft):
    fields = {"title": "Ann's draft", "body": "Second words.", "loaded_version": 0}
    response = author[1].post(keep_url(anns_draft), fields)
    assert response.status_code == 200 and "saved_at" in response.json()
    editor[1].post(keep_url(anns_draft), {"body": "Eve's words."})
    assert sorted(Autosave.objects.values_list("user__username", flat=True)) == ["ann", "eve"]
    author[1].post(keep_url(anns_draft), {"body": "Third words."})  # replaces her copy
    assert Autosave.objects.get(user=author[0]).fields == [["body", "Third words."]]
    assert Post.objects.get().body == "First words."


def test_roles_hold_for_copies(author, make_post):
    someone_elses = make_post("Not Ann's", status=Status.DRAFT)
    published = make_post("Live")
    for post in (someone_elses, published):
        assert author[1].post(keep_url(post), {"body": "mine now"}).status_code == 403
    assert author[1].get(keep_url(someone_elses)).status_code == 405
    assert Client().post(keep_url(published), {"body": "x"}).status_code == 302  # to the login page
    assert author[1].post(reverse("admin:blog_post_autosave", args=[999999]), {"body": "x"}).status_code == 404
    assert Autosave.objects.count() == 0


def test_bad_input_is_refused_or_read_safely(author, anns_draft):
    fields = {f"field{number}": "x" for number in range(2001)}
    assert author[1].post(keep_url(anns_draft), fields).status_code == 400
    garbage = {"body": "B\x00ody ☃", "loaded_version": "not a number"}
    assert author[1].post(keep_url(anns_draft), garbage).status_code == 200
    kept = Autosave.objects.get()
    assert kept.loaded_version == 0 and kept.fields == [["body", "Body ☃"]]


def test_the_next_open_offers_the_copy_to_restore(author, anns_draft):
    author[1].post(keep_url(anns_draft), {"body": "Unsaved words.", "loaded_version": 0})
    html = author[1].get(reverse("admin:blog_post_change", args=[anns_draft.pk])).text
    assert "Restore the unsaved changes from" in html
    assert 'id="autosave-fields"' in html and "Unsaved words." in html
    assert "First words." in html  # the form itself still holds what is saved


def test_a_copy_older_than_someone_elses_save_is_a_difference_not_a_restore(author, editor, anns_draft):
    change = reverse("admin:blog_post_change", args=[anns_draft.pk])
    author[1].post(keep_url(anns_draft), {"body": "First words.\nAnn's addition.", "loaded_version": 0})
    assert editor[1].post(change, form(editor[1], change, body="Eve's version.")).status_code == 302
    html = author[1].get(change).text
    assert "made before eve saved this" in html
    assert 'id="autosave-fields"' not in html and "Restore them" not in html
    assert '<span class="diff-added">+ Ann&#x27;s addition.</span>' in html
    assert '<span class="diff-removed">− Eve&#x27;s version.</span>' in html


def test_saving_the_form_drops_the_copy_and_a_refused_save_keeps_it(author, anns_draft):
    change = reverse("admin:blog_post_change", args=[anns_draft.pk])
    author[1].post(keep_url(anns_draft), {"body": "Kept."})
    refused = form(author[1], change, body="Kept.", title="")  # a title is required: refused
    assert author[1].post(change, refused).status_code == 200
    assert Autosave.objects.count() == 1
    assert author[1].post(change, form(author[1], change, body="Kept.")).status_code == 302
    assert Autosave.objects.count() == 0


def test_a_copy_of_a_new_post_is_offered_on_the_add_form_and_dropped_by_adding(author):
    add = reverse("admin:blog_post_add")
    assert author[1].post(reverse("admin:blog_post_autosave_new"), {"title": "Half a post"}).status_code == 200
    assert "Restore the unsaved changes" in author[1].get(add).text
    author[1].post(reverse("admin:blog_post_autosave_new_discard"))
    assert Autosave.objects.count() == 0 and "Restore the unsaved" not in author[1].get(add).text


def test_the_entry_picker_lists_published_and_draft_entries_by_name(author, make_framework):
    make_framework("Litestar")
    make_framework("Litestar Next", status=Status.DRAFT)
    make_framework("Django")
    url = reverse("admin:frameworks_framework_picker")
    found = author[1].get(url, {"q": "lite"}).json()["entries"]
    assert [(entry["slug"], entry["status_label"]) for entry in found] == [
        ("litestar", "Published"),
        ("litestar-next", "Draft"),
    ]
    assert len(author[1].get(url).json()["entries"]) == 3
    # The comparison picker's facts to tick, and the block's limits.
    FactKind.objects.create(name="Licence", slug="licence", type="text", comparable=True)
    assert set(author[1].get(url, {"q": "lite"}).json()) == {"entries"}  # a search reads entries alone
    answer = author[1].get(url, {"kinds": "1"}).json()
    assert answer["kinds"] == [{"slug": "licence", "name": "Licence", "comparable": True}]
    assert answer["compare"] == {"min": 2, "max": 6}
    assert author[1].get(url, {"q": "\x00' OR 1=1 --" * 50}).json()["entries"] == []
    assert Client().get(url).status_code == 302


def test_an_entry_form_keeps_copies_too_and_old_abandoned_copies_go(author, make_framework):
    entry = make_framework("Anns entry", status=Status.DRAFT, created_by=author[0])
    other = make_framework("Another draft", status=Status.DRAFT, created_by=author[0])
    url = reverse("admin:frameworks_framework_autosave", args=[other.pk])
    assert author[1].post(url, {"tagline": "Old idea"}).status_code == 200
    Autosave.objects.update(saved_at=timezone.now() - timezone.timedelta(days=31))
    url = reverse("admin:frameworks_framework_autosave", args=[entry.pk])
    assert author[1].post(url, {"tagline": "Typed, not saved"}).status_code == 200
    assert list(Autosave.objects.values_list("object_id", "fields")) == [(entry.pk, [["tagline", "Typed, not saved"]])]
    change = reverse("admin:frameworks_framework_change", args=[entry.pk])
    assert "Restore the unsaved changes" in author[1].get(change).text
