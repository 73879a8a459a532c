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


def test_the_policy_is_django_csps_and_follows_the_settings(client, settings):
    """The header is built once per process: it must still be django-csp's, and a changed
    setting must not keep the old one."""
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"


def test_a_view_that_changes_its_policy_gets_its_own(rf):
    """django-csp's decorators still work: the built-once header is only for unchanged policies."""
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from config.middleware import SettingsPolicyCSPMiddleware

    view = csp_update({"img-src": ["images.example.com"]})(lambda request: HttpResponse("ok"))
    response = SettingsPolicyCSPMiddleware(view)(rf.get("/"))
    assert "images.example.com" in response["Content-Security-Policy"]


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
    from django.db.backends.utils import CursorWrapper

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(CursorWrapper, "execute", locked)
    response = client.get("/")
    assert response.status_code == 503
    assert "We will be back in a moment" in response.text and response["Retry-After"] == "30"
    monkeypatch.undo()
    assert client.get("/").status_code == 200  # recovers by itself
