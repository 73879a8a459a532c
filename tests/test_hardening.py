"""Production hardening: a CSP on every page, admin logins throttled."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/frameworks/", "/search/?q=x", "/no-such-page/", "/admin/login/"])
def test_every_page_carries_a_csp_without_inline_scripts(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_admin_login_is_locked_after_five_failures(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the right password")
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "boss", "password": "wrong"})
    response = client.post(url, {"username": "boss", "password": "the right password"})
    assert response.status_code == 429 and "Too many failed attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_unchanged_pages_answer_304_to_a_matching_etag(client, seeded):
    first = client.get("/")
    etag = first["ETag"]
    assert etag
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_database_failure_gives_a_designed_503(client, db, monkeypatch):
    from django.db import OperationalError

    from blog.models import PostQuerySet

    def broken(self):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PostQuerySet, "published", broken)
    response = client.get("/")
    assert response.status_code == 503
    assert "We will be back in a moment" in response.text and response["Retry-After"] == "30"
    monkeypatch.undo()
    assert client.get("/").status_code == 200  # recovers by itself
