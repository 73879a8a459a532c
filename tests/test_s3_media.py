"""Media on S3, end to end: the shipped storage settings (config.settings.base.media_storage)
against moto's standalone S3 server, which speaks the S3 API over HTTP on loopback (no AWS is
reachable here). Readers' requests go to the bucket's public addresses as a browser's would,
without credentials: the bucket's policy lets anyone read the media prefix, as the README asks
of an operator."""

import io
import json
import re
import secrets
import urllib.error
import urllib.request
import zipfile
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from blog.models import Post
from blog.rendering import render_article
from config.backups import backup_restore, backup_write
from config.settings.base import media_storage
from conftest import SEED_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    return use_new_bucket(s3_endpoint, settings, monkeypatch)


def use_new_bucket(s3_endpoint, settings, monkeypatch):
    """A new public-read bucket, and the site's media in it (the settings as shipped)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "moto")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto")
    name = f"media-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    public_read = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/media/*",
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_read]}))
    environ = {"AWS_STORAGE_BUCKET_NAME": name, "AWS_S3_ENDPOINT_URL": s3_endpoint, "AWS_S3_REGION_NAME": "us-east-1"}
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}

    def stored() -> list[str]:
        return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))

    return SimpleNamespace(client=client, name=name, url=f"{s3_endpoint}/{name}/media/", stored=stored)


def fetched(url: str) -> bytes:
    """What a reader's browser gets from the address, with no credentials."""
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def png(width=1000, height=600) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def test_an_editor_upload_is_stored_in_the_bucket_re_encoded_with_public_copies(staff_client, bucket):
    upload = SimpleUploadedFile("chart.png", png(), content_type="image/png")
    response = staff_client.post(reverse("markdownx_upload"), {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    markdown = response.json()["image_code"]
    address = re.search(r"\]\(([^)]+)\)", markdown)[1]
    assert address.startswith(bucket.url + "uploads/")
    assert bucket.stored() == ["media/" + address.removeprefix(bucket.url)]
    with Image.open(io.BytesIO(fetched(address))) as original:
        assert (original.format, original.size) == ("PNG", (1000, 600))

    # Inserted in an article, it is offered with its smaller copies, made once, in the bucket.
    html = render_article(markdown)
    avif = re.search(r'<source type="image/avif" srcset="([^"]+)"', html)[1]
    copies = [candidate.split() for candidate in avif.split(", ")]
    assert copies and all(url.startswith(bucket.url + "renditions/uploads/") for url, _ in copies)
    for url, width in copies:
        with Image.open(io.BytesIO(fetched(url))) as copy:
            assert (copy.format, f"{copy.width}w") == ("AVIF", width)
    assert any(key.endswith(".json") for key in bucket.stored())  # the manifest: not made again per render


def test_the_seed_s_figure_and_share_card_are_served_from_the_bucket(client, bucket, seeded):
    page = client.get(f"/blog/{SEED_SLUG}/").text
    figure = re.search(r'<figure class="figure".*?<img src="([^"]+)"', page, re.S)[1]
    card = re.search(r'<meta property="og:image" content="([^"]+)"', page)[1]
    structured = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    posting = next(item for item in structured["@graph"] if item["@type"] == "BlogPosting")
    for address in (figure, card, *posting["image"]):
        assert address.startswith(bucket.url), address
        with Image.open(io.BytesIO(fetched(address))) as image:
            assert image.width > 0
    assert all(key.startswith("media/") for key in bucket.stored())


def test_nothing_outside_the_media_prefix_is_readable_by_readers(bucket):
    bucket.client.put_object(Bucket=bucket.name, Key="private/notes.txt", Body=b"not for readers")
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetched(bucket.url.replace("/media/", "/private/") + "notes.txt")
    assert refused.value.code == 403


# A restore flushes the database: inside a test's transaction, the rollback would leave
# ContentType's cache naming rows that are gone (as tests/test_backups.py).
@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_bucket_s_media_and_a_restore_puts_them_back(client, bucket, seeded, tmp_path):
    before = bucket.stored()
    archive = tmp_path / "site.zip"
    assert backup_write(archive) == len(before)
    with zipfile.ZipFile(archive) as backup:
        assert sorted(name for name in backup.namelist() if name.startswith("media/")) == before
    for key in before:
        bucket.client.delete_object(Bucket=bucket.name, Key=key)
    bucket.client.put_object(Bucket=bucket.name, Key="media/uploads/after-the-backup.png", Body=png(10, 10))
    Post.objects.filter(slug=SEED_SLUG).update(title="Changed after the backup")

    backup_restore(archive)
    assert bucket.stored() == before  # the backup's files, and only them
    page = client.get(f"/blog/{SEED_SLUG}/").text
    assert "Changed after the backup" not in page
    figure = re.search(r'<figure class="figure".*?<img src="([^"]+)"', page, re.S)[1]
    assert fetched(figure)


@pytest.mark.django_db(transaction=True)
def test_a_site_on_local_files_moves_to_a_bucket_by_backup_and_restore(
    client, seeded, media_root, tmp_path, s3_endpoint, settings, monkeypatch
):
    archive = tmp_path / "site.zip"
    local_files = sorted(path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file())
    assert backup_write(archive) == len(local_files) > 0

    bucket = use_new_bucket(s3_endpoint, settings, monkeypatch)
    output = io.StringIO()
    call_command("restore", str(archive), stdout=output)
    assert "The media moved" in output.getvalue()
    assert set(bucket.stored()) >= {"media/" + name for name in local_files}
    # The pages, rendered when the media were local files, now name the bucket's copies.
    page = client.get(f"/blog/{SEED_SLUG}/").text
    figure = re.search(r'<figure class="figure".*?<img src="([^"]+)"', page, re.S)[1]
    assert figure.startswith(bucket.url) and fetched(figure)
    assert "/media/" not in page.replace(bucket.url, "")
