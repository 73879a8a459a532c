"""Scheduling needs no process: a post dated ahead appears everywhere once the clock passes it."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(make_post):
    when = timezone.now() + dt.timedelta(minutes=1)
    return make_post("Tomorrow's roundup", body="Zebra facts.", published_at=when, tags=["zebras"])


SURFACES = ["/", "/feed/", "/feed/atom/", "/sitemap-posts.xml", "/search/?q=zebra", "/llms.txt"]


def test_absent_from_every_public_surface_before_its_time(client, scheduled):
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get("/tags/zebras/").status_code == 404
    for url in SURFACES:
        assert f"/blog/{scheduled.slug}" not in client.get(url).content.decode(), url


def test_present_everywhere_after_its_time(client, scheduled, monkeypatch):
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert client.get("/tags/zebras/").status_code == 200
    for url in SURFACES:
        assert f"/blog/{scheduled.slug}" in client.get(url).content.decode(), url


def test_bulk_add_a_tag(staff_client, make_post):
    from django.urls import reverse

    post = make_post("Untagged")
    staff_client.post(
        reverse("admin:blog_post_changelist"), {"action": "add_tag", "tag": "roundups", "_selected_action": [post.pk]}
    )
    assert list(post.tags.names()) == ["roundups"]
