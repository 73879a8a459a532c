"""backup and restore round-trip the database content and the media (run on SQLite and PostgreSQL)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from blog.models import Post
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.test_seed_fixture import content_snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def media_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_backup_then_restore_is_lossless(seeded, tmp_path, media_root, client):
    before, files, versions = content_snapshot(), media_files(media_root), Version.objects.count()
    archive = tmp_path / "site.zip"
    call_command("backup", str(archive), stdout=StringIO())
    Post.objects.all().delete()
    Framework.objects.all().delete()
    (media_root / "figures").rename(media_root / "lost")
    call_command("restore", str(archive), stdout=StringIO())
    assert content_snapshot() == before
    assert media_files(media_root) == files
    assert Version.objects.count() == versions
    page = client.get(f"/blog/{SEED_SLUG}/")
    assert page.status_code == 200 and "Pure Python" in page.text
    assert 'href="/frameworks/fastapi/"' in client.get("/search/?q=async").text


def test_a_broken_backup_is_refused_and_changes_nothing(seeded, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a backup zip"):
        call_command("restore", str(bad))
    assert Post.objects.count() == 1


def test_a_backup_written_before_the_lock_moved_to_config_restores(seeded, tmp_path, staff_client):
    """Backups name EditVersion rows `blog.editversion` from before the model moved: still restorable."""
    import json
    import zipfile

    from config.editorial.models import EditVersion
    from tests.admin_forms import admin_form_data

    url = f"/admin/blog/post/{seeded.post.pk}/change/"
    assert staff_client.post(url, admin_form_data(staff_client.get(url).text)).status_code == 302
    archive = tmp_path / "site.zip"
    call_command("backup", str(archive), stdout=StringIO())
    with zipfile.ZipFile(archive) as current:
        rows = json.loads(current.read("data.json"))
    assert any(row["model"] == "editorial.editversion" for row in rows)
    for row in rows:
        if row["model"] == "editorial.editversion":
            row["model"] = "blog.editversion"
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(old, "w") as copy:
        copy.writestr("data.json", json.dumps(rows))
    call_command("restore", str(old), stdout=StringIO())
    assert EditVersion.objects.get(object_id=seeded.post.pk).number == 1


def test_a_backup_from_before_coverage_carried_dates_restores_its_covering_order(seeded, tmp_path, client):
    """Coverage rows of older backups have no published_at (blog migration 0024): restore copies
    the posts' dates in, so the entries' covering lists (read in that order) keep every article."""
    import json
    import zipfile

    archive = tmp_path / "site.zip"
    call_command("backup", str(archive), stdout=StringIO())
    with zipfile.ZipFile(archive) as current:
        rows = json.loads(current.read("data.json"))
    coverage = [row for row in rows if row["model"] == "blog.coverage"]
    assert coverage
    for row in coverage:
        del row["fields"]["published_at"]
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(old, "w") as copy:
        copy.writestr("data.json", json.dumps(rows))
    call_command("restore", str(old), stdout=StringIO())
    assert f'href="/blog/{SEED_SLUG}/"' in client.get("/frameworks/fastapi/").text
