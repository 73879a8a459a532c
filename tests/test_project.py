"""Project-wide promises: migrations made, deploy checks clean, commands that fail fail cleanly."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        # The browser tests relax Django's async guard for their own process only.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        timeout=120,
    )


def test_deploy_checks_are_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="x" * 64 + "-a-long-random-production-secret",
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.prod", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="x"
    )
    assert result.returncode != 0 and "Set DJANGO_SECRET_KEY" in result.stderr


def test_media_goes_to_an_s3_compatible_bucket_when_one_is_named():
    """django-storages with the bucket, endpoint and public addresses from the environment.
    Addresses are made locally (no request reaches the endpoint)."""
    script = (
        "from django.core.files.storage import storages; from django.conf import settings; s = storages['default']; "
        "print(type(s).__name__, s.url('figures/a.png'), settings.SERVE_MEDIA)"
    )
    result = run_manage(
        "shell", "-v", "0", "-c", script,
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="x" * 64, DJANGO_ALLOWED_HOSTS="example.com",
        AWS_STORAGE_BUCKET_NAME="field-guide-media", AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="auto", AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    url = "https://s3.example.net/field-guide-media/media/figures/a.png"
    assert result.stdout.split() == ["S3Storage", url, "False"]
    local = run_manage(
        "shell", "-v", "0", "-c", script, DJANGO_SETTINGS_MODULE="config.settings.dev", AWS_STORAGE_BUCKET_NAME=""
    )
    assert local.stdout.split() == ["FileSystemStorage", "/media/figures/a.png", "True"]


def test_debug_is_off_unless_the_environment_turns_it_on():
    from django.conf import settings

    assert settings.DEBUG is False


def test_malformed_import_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: Broken\ndate: 2025-01-01\n")
    result = run_manage(
        "import_post", str(bad), SQLITE_PATH=str(tmp_path / "db.sqlite3"), MEDIA_ROOT=str(tmp_path / "m")
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "closing '---'" in lines[0]
    assert "Traceback" not in result.stderr


def test_the_cache_is_redis_when_redis_url_is_set(settings):
    """CI's second run sets REDIS_URL; locally the cache is in memory."""
    import os

    from django.core.cache import caches

    cache = caches["default"]
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    assert type(cache).__name__ == expected
    cache.set("probe", "value", 5)
    assert cache.get("probe") == "value"
