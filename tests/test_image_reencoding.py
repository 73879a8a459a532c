"""Every raster image stored here is what Pillow wrote, never the uploaded bytes: hero images,
entry images, editor uploads and imported figures.

The risk: a GIF that is also valid JavaScript (or a JPEG with a script after its end, or a PNG
with one in a text chunk) was stored byte for byte and served from our own origin; photos kept
their EXIF (camera, GPS) and came out sideways where browsers ignore the orientation tag.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from blog.importer import ImportFailed, post_import
from blog.models import Post
from frameworks.models import Framework
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

PAYLOAD = b"alert('polyglot')"


def gif_polyglot() -> bytes:
    """GIF89a/*…*/=alert(…): a real GIF whose header opens a JS comment (width 0x2A2F), with the
    script in a comment extension and again after the trailer."""
    buffer = io.BytesIO()
    Image.new("P", (10799, 2), 1).save(buffer, "GIF")
    data = buffer.getvalue()
    assert data[6:8] == b"/*"
    comment = b"\x21\xfe" + bytes([len(b"*/=" + PAYLOAD + b"//")]) + b"*/=" + PAYLOAD + b"//" + b"\x00"
    return data[:-1] + comment + b";" + b"*/=" + PAYLOAD


def jpeg_with_secrets() -> bytes:
    """A 40×20 photo tagged 'rotate 90°' with a camera make, and a script after the end marker."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SecretCamera"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue() + b"<script>" + PAYLOAD + b"</script>"


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>" + PAYLOAD.decode() + "</script>")
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def article_with_figure(name: str) -> str:
    figure = f'```python eval\nrx.image(src="/blog/{name}", alt="A figure")\n```\n'
    return f"---\ntitle: Figures\ndate: 2025-01-01\n---\n{figure}"


HOSTILE = {"hero.gif": gif_polyglot, "photo.jpg": jpeg_with_secrets, "chart.png": png_with_text}


def assert_rewritten(data: bytes) -> Image.Image:
    assert PAYLOAD not in data and b"SecretCamera" not in data and b"<script>" not in data
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.getexif().get(0x0112) in (None, 1)
    return image


def test_the_photo_comes_out_upright(seeded):
    framework = Framework.objects.get(slug="reflex")
    framework.image = SimpleUploadedFile("photo.jpg", jpeg_with_secrets(), content_type="image/jpeg")
    framework.save()
    with framework.image.open() as stored:
        assert assert_rewritten(stored.read()).size == (20, 40)  # turned as the tag said


@pytest.mark.parametrize("name", HOSTILE)
def test_an_admin_hero_upload_is_stored_as_pillow_wrote_it(staff_client, seeded, name):
    url = reverse("admin:blog_post_change", args=[seeded.post.pk])
    data = admin_form_data(staff_client.get(url).text)
    data.update(hero_image=SimpleUploadedFile(name, HOSTILE[name](), content_type="image/png"), hero_alt="Hero")
    assert staff_client.post(url, data).status_code == 302
    with Post.objects.get().hero_image.open() as stored:
        assert_rewritten(stored.read())


@pytest.mark.parametrize("name", HOSTILE)
def test_an_entry_image_is_stored_as_pillow_wrote_it(staff_client, seeded, name):
    framework = Framework.objects.get(slug="flask")
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = admin_form_data(staff_client.get(url).text)
    data["image"] = SimpleUploadedFile(name, HOSTILE[name](), content_type="image/png")
    assert staff_client.post(url, data).status_code == 302
    framework.refresh_from_db()
    with framework.image.open() as stored:
        assert_rewritten(stored.read())


@pytest.mark.parametrize("name", HOSTILE)
def test_an_editor_upload_is_stored_as_pillow_wrote_it_and_named_by_its_real_format(staff_client, media_root, name):
    upload = SimpleUploadedFile(name, HOSTILE[name](), content_type="image/png")  # whatever it claims
    response = staff_client.post(reverse("markdownx_upload"), {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    path = re.search(r"\(/media/(uploads/[^)]+)\)", response.json()["image_code"])[1]
    assert path.endswith(name[name.index(".") :])
    assert_rewritten((media_root / path).read_bytes())


@pytest.mark.parametrize("name", HOSTILE)
def test_an_imported_figure_is_stored_as_pillow_wrote_it(tmp_path, media_root, name):
    (tmp_path / name).write_bytes(HOSTILE[name]())
    source = tmp_path / "post.md"
    source.write_text(article_with_figure(name))
    body = post_import(path=source, assets=tmp_path).post.body
    stored = re.search(r"src: (figures/\S+)", body)[1]
    assert_rewritten((media_root / stored).read_bytes())


def test_an_animated_gif_keeps_its_frames_and_timing(staff_client, media_root):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0)
    upload = SimpleUploadedFile("spin.gif", buffer.getvalue(), content_type="image/gif")
    response = staff_client.post(reverse("markdownx_upload"), {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    path = re.search(r"\(/media/(uploads/[^)]+)\)", response.json()["image_code"])[1]
    stored = Image.open(media_root / path)
    assert stored.n_frames == 3
    assert [stored.seek(n) or stored.info["duration"] for n in range(3)] == [100, 200, 300]


def test_svg_and_html_posing_as_images_are_refused(staff_client, tmp_path, media_root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload = SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")
    response = staff_client.post(reverse("markdownx_upload"), {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 400
    (tmp_path / "logo.svg").write_bytes(svg)
    source = tmp_path / "post.md"
    source.write_text(article_with_figure("logo.svg"))
    with pytest.raises(ImportFailed, match="logo.svg"):
        post_import(path=source, assets=tmp_path)
    assert not (media_root / "figures").exists()


def test_reimporting_the_same_figure_reuses_one_file(tmp_path, media_root):
    (tmp_path / "chart.png").write_bytes(png_with_text())
    source = tmp_path / "post.md"
    source.write_text(article_with_figure("chart.png"))
    first = post_import(path=source, assets=tmp_path).post.body
    assert post_import(path=source, assets=tmp_path).post.body == first
    assert len(list((media_root / "figures").iterdir())) == 1
