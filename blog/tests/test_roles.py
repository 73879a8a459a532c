"""Roles on the server: authors write and submit their own work; only editors publish."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse

from blog.models import Author, Post
from config.publishing import Status
from conftest import member
from frameworks.models import Framework
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def new_post_data(**fields):
    return {
        "title": "Ann's draft",
        "slug": "anns-draft",
        "status": "draft",
        "published_at_0": "2025-01-01",
        "published_at_1": "10:00:00",
        "body": "Hello.",
        "tags": "",
        "extra_front_matter": "{}",
        "faq_items-TOTAL_FORMS": "0",
        "faq_items-INITIAL_FORMS": "0",
        **fields,
    }


def test_roles_exist_as_groups_made_by_a_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Author", "Editor"}


def test_author_writes_a_draft_under_their_own_name(author):
    user, client = author
    response = client.post(reverse("admin:blog_post_add"), new_post_data())
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author.user == user and post.status == Status.DRAFT


def test_author_cannot_publish_from_the_form(author):
    _, client = author
    response = client.post(reverse("admin:blog_post_add"), new_post_data(status="published"))
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not Post.objects.exists()


def test_author_submits_for_review_but_cannot_publish_by_bulk_action(author):
    _, client = author
    client.post(reverse("admin:blog_post_add"), new_post_data())
    post = Post.objects.get()
    changelist = reverse("admin:blog_post_changelist")
    assert 'value="publish"' not in client.get(changelist).text
    client.post(changelist, {"action": "publish", "_selected_action": [post.pk]})
    assert Post.objects.get().status == Status.DRAFT
    client.post(changelist, {"action": "submit_for_review", "_selected_action": [post.pk]})
    assert Post.objects.get().status == Status.REVIEW


def test_author_cannot_change_another_authors_post(author, make_post):
    _, client = author
    other = make_post("Someone else's", status="draft")
    url = reverse("admin:blog_post_change", args=[other.pk])
    assert client.get(url).status_code == 200  # may read it…
    response = client.post(url, {"title": "Hijacked"})
    assert response.status_code == 403  # …may not change it
    assert Post.objects.get(pk=other.pk).title == "Someone else's"
    client.post(reverse("admin:blog_post_changelist"), {"action": "submit_for_review", "_selected_action": [other.pk]})
    assert Post.objects.get(pk=other.pk).status == Status.DRAFT


def test_author_cannot_edit_their_post_once_published(author, make_post):
    user, client = author
    own = make_post("Mine", author=Author.objects.create(name="Ann", slug="ann", user=user))
    assert client.post(reverse("admin:blog_post_change", args=[own.pk]), {"title": "x"}).status_code == 403


def test_author_cannot_publish_an_entry(author):
    _, client = author
    response = client.post(
        reverse("admin:frameworks_framework_add"),
        {
            "name": "Bottle",
            "slug": "bottle",
            "status": "published",
            "tags": "",
            "pros-TOTAL_FORMS": "0",
            "pros-INITIAL_FORMS": "0",
            "cons-TOTAL_FORMS": "0",
            "cons-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and not Framework.objects.exists()


def test_editor_publishes_and_schedules(editor, author, client):
    _, author_client = author
    author_client.post(reverse("admin:blog_post_add"), new_post_data())
    post = Post.objects.get()
    _, editor_client = editor
    url = reverse("admin:blog_post_change", args=[post.pk])
    data = admin_form_data(editor_client.get(url).text)
    data.update(status="published", published_at_0="2099-01-01", published_at_1="09:00:00")
    assert editor_client.post(url, data).status_code == 302
    post.refresh_from_db()
    assert post.is_scheduled and client.get(post.get_absolute_url()).status_code == 404
    editor_client.post(reverse("admin:blog_post_changelist"), {"action": "unpublish", "_selected_action": [post.pk]})
    assert Post.objects.get().status == Status.DRAFT


def test_a_staff_user_in_no_group_sees_nothing_to_edit(django_user_model):
    _, client = member(django_user_model, "nobody", None)
    assert "You don’t have permission to view or edit anything" in client.get(reverse("admin:index")).text
    assert client.get(reverse("admin:blog_post_changelist")).status_code == 403


def test_author_cannot_restore_or_recover_others_work(author, make_post):
    from reversion.models import Version

    _, client = author
    other = make_post("Someone else's", status="draft")

    with reversion.create_revision():
        other.save()
    version = Version.objects.get_for_object(other).first()
    revision = reverse("admin:blog_post_revision", args=[other.pk, version.pk])
    assert client.post(revision, {"title": "Hijacked"}).status_code == 403
    assert client.get(reverse("admin:blog_post_recoverlist")).status_code == 403


def admin_menu(client) -> set[str]:
    """The models the admin index offers, by their admin addresses."""
    import re

    return set(re.findall(r'href="/admin/(\w+/\w+)/"', client.get(reverse("admin:index")).text))


@pytest.mark.parametrize("role", ["author", "editor"])
def test_authors_and_editors_see_what_they_edit_and_no_plumbing(request, role):
    """The newsroom's menu: posts, entries, authors and tags; never the security and plumbing
    models (login attempts, sites, redirects, users)."""
    _, client = request.getfixturevalue(role)
    menu = admin_menu(client)
    assert {"blog/post", "frameworks/framework", "blog/author", "taggit/tag"} <= menu
    assert not menu & {"axes/accessattempt", "sites/site", "redirects/redirect", "auth/user", "auth/group"}


def test_the_admin_names_the_site_not_django(author, settings):
    _, client = author
    page = client.get(reverse("admin:index")).text
    assert f"<title>Newsroom | {settings.SITE_NAME} admin</title>" in page
    assert settings.SITE_NAME in page.split('id="site-name"')[1][:200] and "Django administration" not in page
    settings.ADMIN_SITE_HEADER, settings.ADMIN_INDEX_TITLE = "Our desk", "Today"
    page = client.get(reverse("admin:index")).text
    assert "Our desk" in page.split('id="site-name"')[1][:200] and "<title>Today |" in page
