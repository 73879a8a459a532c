"""The admin's index as a newsroom: what needs attention, per role, each row a link to its form."""

import re

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.links import LinkStatus, record
from blog.models import Author, Post
from config.publishing import Status
from frameworks.models import Framework

pytestmark = pytest.mark.django_db


def panel(html: str, key: str) -> str:
    found = re.search(rf'<section class="module panel" id="panel-{key}".*?</section>', html, re.S)
    assert found, f"no panel {key}"
    return found.group(0)


def newsroom(client) -> str:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.text


def test_an_author_sees_their_drafts_and_their_submissions_not_others(author, editor, make_post, make_author):
    user, client = author
    mine = make_author("Ann", user=user)
    draft = make_post("Ann's draft", status=Status.DRAFT, author=mine)
    make_post("Someone else's draft", status=Status.DRAFT)
    sent = make_post("Ann's submission", status=Status.DRAFT, author=mine)
    client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "submit_for_review", "_selected_action": [sent.pk]},
    )
    make_post("Another's submission", status=Status.REVIEW)
    html = newsroom(client)
    drafts = panel(html, "drafts")
    assert f'href="{reverse("admin:blog_post_change", args=[draft.pk])}"' in drafts
    assert "Someone else" not in drafts
    review = panel(html, "review")
    assert "My posts in review" in review and "Ann&#x27;s submission" in review
    assert "Another" not in review


def test_an_editor_sees_everything_in_review_with_who_sent_it_when(author, editor, make_post, make_author):
    author_user, author_client = author
    post = make_post("Ready for eyes", status=Status.DRAFT, author=make_author("Ann", user=author_user))
    author_client.post(
        reverse("admin:blog_post_changelist"), {"action": "submit_for_review", "_selected_action": [post.pk]}
    )
    review = panel(newsroom(editor[1]), "review")
    assert "Waiting for review" in review
    assert "Ready for eyes" in review and "sent by ann" in review and "submitted" in review
    assert f'href="{reverse("admin:blog_post_change", args=[post.pk])}"' in review


def test_scheduled_posts_with_the_time_each_goes_live_and_recently_published(editor, make_post):
    soon = timezone.now() + timezone.timedelta(hours=3)
    make_post("Tomorrow's news", published_at=soon)
    make_post("Yesterday's news")
    make_post("A draft", status=Status.DRAFT)
    html = newsroom(editor[1])
    scheduled = panel(html, "scheduled")
    assert "Tomorrow&#x27;s news" in scheduled and "goes live" in scheduled
    assert timezone.localtime(soon).strftime("%H:%M") in scheduled
    assert "Yesterday" not in scheduled
    published = panel(html, "published")
    assert "Yesterday&#x27;s news" in published and "Tomorrow" not in published and "A draft" not in published


def test_entries_not_verified_for_180_days_oldest_first(editor, make_framework):
    make_framework("Fresh", last_verified=timezone.localdate())
    make_framework("Stale", last_verified=timezone.localdate() - timezone.timedelta(days=400))
    make_framework("Never checked")
    verify = panel(newsroom(editor[1]), "verify")
    assert "Fresh" not in verify
    assert verify.index("Never checked") < verify.index("Stale")


def test_dead_links_from_the_last_check_links_run(editor, make_post, make_framework):
    assert "have not been checked" in panel(newsroom(editor[1]), "links")
    post = make_post("Linky")
    entry = make_framework("Webby")
    links = {"https://gone.example/": [post, entry], "https://fine.example/": [post]}
    results = [LinkStatus("https://gone.example/", False, "HTTP 404"), LinkStatus("https://fine.example/", True, "200")]
    record(links, results, unchecked=["https://later.example/"])
    dead = panel(newsroom(editor[1]), "links")
    assert "2 links checked, 1 left unchecked" in dead
    assert dead.count("https://gone.example/") == 2 and "fine.example" not in dead
    assert "HTTP 404, on Linky" in dead and "HTTP 404, on Webby" in dead
    assert reverse("admin:frameworks_framework_change", args=[entry.pk]) in dead
    record(links, [LinkStatus("https://gone.example/", True, "200")], unchecked=[])
    assert "every link answered" in panel(newsroom(editor[1]), "links")


def test_recent_edits_by_others_from_the_history_not_my_own(author, editor, make_post):
    post = make_post("Edited by Ann")
    with reversion.create_revision():
        post.save()
        reversion.set_user(author[0])
    mine = make_post("Edited by Eve")
    with reversion.create_revision():
        mine.save()
        reversion.set_user(editor[0])
    edits = panel(newsroom(editor[1]), "edits")
    assert "Edited by Ann" in edits and "by ann" in edits and "Edited by Eve" not in edits


def test_a_long_panel_links_to_the_whole_list(editor, make_post):
    for number in range(8):
        make_post(f"Waiting {number}", status=Status.REVIEW)
    review = panel(newsroom(editor[1]), "review")
    assert review.count("<li>") == 6
    more = re.search(r'class="panel-more"><a href="([^"]+)"', review).group(1)
    assert "status__exact=review" in more.replace("&amp;", "&")
    assert editor[1].get(more.replace("&amp;", "&")).status_code == 200


def test_the_see_all_lists_of_drafts_and_scheduled_posts_filter_as_they_say(author, make_post, make_author):
    user, client = author
    make_post("Ann wrote this", status=Status.DRAFT, author=make_author("Ann", user=user))
    make_post("Theirs", status=Status.DRAFT)
    make_post("Later", published_at=timezone.now() + timezone.timedelta(days=1))
    drafts = client.get(reverse("admin:blog_post_changelist") + "?status__exact=draft&mine=1").text
    assert "Ann wrote this" in drafts and "Theirs" not in drafts
    scheduled = client.get(reverse("admin:blog_post_changelist") + "?publication=scheduled").text
    assert "Later" in scheduled and "Ann wrote this" not in scheduled


def many_posts(count: int, author: Author) -> None:
    now = timezone.now()
    statuses = [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.PUBLISHED]
    Post.objects.bulk_create(
        Post(
            title=f"Post {number}",
            slug=f"post-{number}",
            author=author,
            status=statuses[number % 4],
            body="Text.",
            published_at=now + timezone.timedelta(hours=number - count + 20),
        )
        for number in range(count)
    )


@pytest.mark.parametrize("role", ["author", "editor"])
def test_the_newsroom_costs_the_same_queries_for_10_and_1000_posts(role, request, make_author, make_framework):
    user, client = request.getfixturevalue(role)
    author = make_author("Ann", user=user)
    for number in range(3):
        make_framework(f"Entry {number}", status=Status.DRAFT, created_by=user)
    record({}, [], unchecked=[])  # a link check ran: its dead links are one more query
    counts = []
    for size in (10, 1000):
        Post.objects.all().delete()
        many_posts(size, author)
        client.get(reverse("admin:index"))  # content types and permissions cached, as on a running site
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
        counts.append([query["sql"] for query in queries])
    assert len(counts[0]) == len(counts[1]) == 13, counts
    assert Framework.objects.count() == 3
