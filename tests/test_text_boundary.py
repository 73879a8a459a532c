"""Text with NUL, control characters or lone surrogates never reaches the database as such,
whichever way it enters: the ORM, the admin, the importer, a restore.

The risks: SQLite stored NUL and PostgreSQL refused it (the same content worked on one and
failed on the other), and one control character in a post made /feed/ answer 500.
"""

import json
import zipfile
from io import StringIO

import feedparser
import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from blog.importer import post_import
from blog.models import Post
from config.text import clean, strip_controls
from frameworks.models import Framework, Pro
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

DIRTY = "Caf\x00é\x07 \x1b[31mred\x1b[0m \x85next\x9f \ud800alone\ufffe\r\nline"
CLEAN = "Café [31mred[0m next alone\nline"


def test_strip_controls_keeps_tabs_newlines_and_every_script():
    assert strip_controls("a\tb\nc 日本語 Ελληνικά 🎉") == ("a\tb\nc 日本語 Ελληνικά 🎉", 0)
    assert strip_controls(DIRTY) == (CLEAN, 8)
    assert clean({"k\x00": ["v\x01", 3, None]}) == {"k": ["v", 3, None]}


def test_an_orm_save_stores_clean_text_on_every_database(make_post, make_framework):
    post = make_post(DIRTY, body=f"Intro {DIRTY}", description=DIRTY)
    post.refresh_from_db()
    assert (post.title, post.description) == (CLEAN, CLEAN)
    assert "\x00" not in post.body and "\x00" not in post.body_html
    entry = make_framework("Entry", pros=(DIRTY,))
    assert Pro.objects.get(framework=entry).text == CLEAN


def test_feeds_serialise_a_post_that_was_written_with_control_characters(client, make_post):
    make_post("Bell\x07 title", body="Escape \x1b sequence and NUL \x00 here.", tags=["ta\x08g"])
    for route in ("blog:feed", "blog:atom"):
        response = client.get(reverse(route))
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo and feed.entries[0].title == "Bell title"
    assert Tag.objects.get().name == "tag"


def test_the_admin_refuses_nul_and_removes_other_controls(staff_client, seeded):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    response = staff_client.post(url, {**data, "title": "With\x00NUL"})
    assert response.status_code == 200 and "Null characters are not allowed." in response.text
    data = admin_form_data(staff_client.get(url).text)
    data.update(title="Bell\x07 title", tags="Ca\x08fé, python")
    assert staff_client.post(url, data).status_code == 302
    seeded.post.refresh_from_db()
    assert seeded.post.title == "Bell title"
    assert sorted(seeded.post.tags.names()) == ["Café", "python"]


def test_the_importer_removes_them_and_says_so(tmp_path):
    path = tmp_path / "post.md"
    path.write_text('---\ntitle: "Esc\\0aped\\x07"\ndate: 2025-01-01\n---\nRaw\x00 NUL\x1b and bell\x07.\n')
    result = post_import(path=path)
    assert result.post.title == "Escaped"
    assert "Raw NUL and bell." in result.post.body_html
    assert "removed 3 control characters (NUL and the like)" in result.warnings
    assert "removed control characters written as escapes in the front matter" in result.warnings


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_holding_control_characters_is_stored_clean(seeded, tmp_path, client):
    archive = tmp_path / "site.zip"
    call_command("backup", str(archive), stdout=StringIO())
    with zipfile.ZipFile(archive) as original:
        rows = json.loads(original.read("data.json"))
    for row in rows:
        if row["model"] == "blog.post":
            row["fields"]["title"] = "Restored\x00 with NUL\x0b"
    dirty = tmp_path / "dirty.zip"
    with zipfile.ZipFile(dirty, "w") as copy:
        copy.writestr("data.json", json.dumps(rows))
    call_command("restore", str(dirty), stdout=StringIO())
    assert Post.objects.get().title == "Restored with NUL"
    assert client.get("/feed/").status_code == 200


def test_the_migration_cleans_rows_written_before_the_boundary(seeded):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("blog.migrations.0013_strip_control_characters")
    # update() sends no pre_save: how rows got dirty before (PostgreSQL refuses NUL, so \x07).
    Framework.objects.filter(slug="reflex").update(tagline="Bell\x07 tagline")
    Pro.objects.filter(framework__slug="reflex").update(text="Escape\x1b text")
    migration.strip_control_characters(apps, None)
    assert Framework.objects.get(slug="reflex").tagline == "Bell tagline"
    assert set(Pro.objects.filter(framework__slug="reflex").values_list("text", flat=True)) == {"Escape text"}


def test_the_admin_markdown_upload_cleans_and_refuses_like_the_command(staff_client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = reverse("admin:blog_post_import")
    dirty = SimpleUploadedFile("dirty.md", b"---\ntitle: Up\x00loaded\ndate: 2025-01-01\n---\nBody\x07 text.\n")
    response = staff_client.post(page, {"markdown": dirty}, follow=True)
    assert "removed 2 control characters" in response.text.lower()
    assert Post.objects.get().title == "Uploaded"
    impossible = SimpleUploadedFile("bad.md", b"---\ntitle: Bad\ndate: 2026-02-30\n---\nBody.\n")
    response = staff_client.post(page, {"markdown": impossible})
    assert response.status_code == 200 and "2026-02-30 is not a real date" in response.text
    assert Post.objects.count() == 1
