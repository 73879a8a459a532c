"""Freshness: entries to re-verify are listed in the admin; dead external links are reported."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from blog.models import LinkCheck
from frameworks.models import Framework

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    """A web server on loopback standing in for the internet."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_imported_entries_are_verified_as_of_the_article_date(seeded):
    assert Framework.objects.get(slug="reflex").last_verified.isoformat() == "2026-01-09"


def test_admin_lists_entries_not_verified_for_180_days(staff_client, make_framework):
    make_framework("Recently checked", last_verified=timezone.localdate())
    make_framework("Stale", last_verified=timezone.localdate() - timezone.timedelta(days=200))
    make_framework("Never")
    html = staff_client.get(reverse("admin:frameworks_framework_changelist"), {"verification": "stale"}).text
    assert "Stale" in html and "Never" in html and "Recently checked" not in html


def test_check_links_reports_dead_links_with_where_they_are(local_site, make_post, make_framework):
    make_post("Linky", body=f"[ok]({local_site}/ok) and [gone]({local_site}/gone)")
    make_framework("Webby", website=f"{local_site}/ok/home")
    make_post("Draft link", status="draft", body=f"[secret]({local_site}/draft-only)")
    out = StringIO()
    with pytest.raises(CommandError, match="3 links checked, 1 dead"):
        call_command("check_links", "--timeout", "2", stdout=out)
    assert f"DEAD {local_site}/gone (HTTP 404) on /blog/post-1/" in out.getvalue()
    assert "draft-only" not in out.getvalue()
    # Kept for the newsroom: the run, and each dead link with the post it is on.
    run = LinkCheck.objects.get()
    assert run.checked == 3
    assert list(run.dead_links.values_list("url", "detail", "post__title")) == [
        (f"{local_site}/gone", "HTTP 404", "Linky")
    ]


def test_check_links_passes_when_all_links_live(local_site, make_post):
    make_post("Linky", body=f"[ok]({local_site}/ok)")
    out = StringIO()
    call_command("check_links", stdout=out)
    assert "1 links checked, 0 dead" in out.getvalue()
