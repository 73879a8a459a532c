"""Figures and Markdown images are offered as smaller copies (AVIF, and WebP for browsers
without it) in srcset, made once when the page is rendered, never per request."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.rendering import render_article
from config import renditions
from config.renditions import rendition_stem, stored_picture

pytestmark = pytest.mark.django_db


def stored(name: str, size=(1000, 600), image_format="PNG", **options) -> str:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, image_format, **options)
    return default_storage.save(name, ContentFile(out.getvalue()))


def test_the_seed_figure_comes_with_an_avif_copy_that_the_page_offers_first(client, seeded, settings):
    html = client.get(seeded.post.get_absolute_url()).text
    figure = re.search(r'<figure class="figure".*?</figure>', html, re.S)[0]
    source = re.search(r'<source type="image/avif" srcset="([^"]+)" sizes="[^"]+">', figure)
    assert source and figure.index("<source") < figure.index("<img")
    url, width = source[1].split()
    name = url.removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as handle, Image.open(handle) as copy:
        assert (copy.format, copy.width, width) == ("AVIF", 480, "480w")
    # The <img> still names the original, for browsers that know neither <picture> nor srcset.
    assert re.search(r'<img src="/media/figures/github-python_top_language_2024-[0-9a-f]+\.webp"', figure)


def test_copies_are_made_once_and_rendering_again_reads_the_manifest(media_root, monkeypatch):
    name = stored("figures/chart.png")
    first = stored_picture(name)
    encoded = []
    monkeypatch.setattr(renditions, "encode", lambda *args: encoded.append(args) or b"")
    again = stored_picture(name)
    assert encoded == [] and again == first
    assert default_storage.exists(f"{rendition_stem(name)}.json")


def test_a_lost_manifest_makes_the_copies_again(media_root):
    name = stored("figures/chart.png")
    stored_picture(name)
    default_storage.delete(f"{rendition_stem(name)}.json")
    assert stored_picture(name).sources[0][0] == "image/avif"


def test_a_webp_copy_no_smaller_than_the_original_is_not_kept(media_root, monkeypatch):
    name = stored("figures/chart.png")
    real = renditions.encode
    bloated = b"\0" * default_storage.size(name)
    monkeypatch.setattr(renditions, "encode", lambda image, fmt: bloated if fmt == "WEBP" else real(image, fmt))
    picture = stored_picture(name)
    assert picture.srcset == "" and picture.sources[0][0] == "image/avif"  # the original alone: its src
    assert not default_storage.exists(f"{rendition_stem(name)}-480w.webp")


def test_an_image_narrower_than_every_copy_and_an_animation_are_offered_as_they_are(media_root):
    small = stored("figures/icon.png", size=(200, 100))
    frames = [Image.new("RGB", (900, 300), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    animation = default_storage.save("figures/anim.gif", ContentFile(out.getvalue()))
    for name in (small, animation):
        picture = stored_picture(name)
        assert (picture.sources, picture.srcset) == ((), "")
        assert "<picture>" not in picture.img(alt="x", sizes="100vw")


def test_a_markdown_image_with_a_media_path_gets_the_same_copies(media_root):
    name = stored("figures/chart.png")
    html = render_article(f"![A chart]({name})")
    assert '<picture><source type="image/avif"' in html and 'alt="A chart"' in html
    assert 'width="1000" height="600"' in html


def test_an_image_uploaded_in_the_editor_is_offered_with_copies_at_the_address_it_was_inserted_with(
    staff_client, media_root
):
    """The upload inserts ![](/media/uploads/…): the renderer knows its storage's own addresses."""
    out = io.BytesIO()
    Image.new("RGB", (1000, 600), "teal").save(out, "PNG")
    upload = SimpleUploadedFile("chart.png", out.getvalue(), content_type="image/png")
    response = staff_client.post(reverse("markdownx_upload"), {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    markdown = response.json()["image_code"]
    assert "](/media/uploads/" in markdown
    html = render_article(markdown)
    assert '<picture><source type="image/avif" srcset="/media/renditions/uploads/' in html
    assert 'width="1000" height="600"' in html
    # An address outside the storage stays as written.
    assert '<img src="/static/logo.png" alt="" loading="lazy">' in render_article("![](/static/logo.png)")


def test_copies_that_cannot_be_written_cost_the_copies_not_the_image(media_root, monkeypatch):
    name = stored("figures/chart.png")

    def full_disk(name):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(renditions, "make_renditions", full_disk)
    html = render_article(f"```figure\nsrc: {name}\nalt: A chart\n```")
    assert f'<img src="/media/{name}"' in html and "<picture>" not in html


def test_a_hero_image_is_offered_with_its_copies_fetched_first_and_sized(client, tmp_path, media_root, make_post):
    from blog.importer import post_import

    (tmp_path / "blog").mkdir()
    Image.new("RGB", (1600, 900), "orange").save(tmp_path / "blog" / "hero.png")
    source = tmp_path / "hero.md"
    source.write_text("---\ntitle: With A Hero\ndate: 2026-01-01\nimage: /blog/hero.png\n---\nText.\n")
    post = post_import(path=source, assets=tmp_path).post
    html = client.get(post.get_absolute_url()).text
    hero = re.search(r'<figure class="post-hero">(.*?)</figure>', html, re.S)[1]
    assert hero.startswith('<picture><source type="image/avif"') and 'fetchpriority="high"' in hero
    assert 'width="1600" height="900"' in hero and 'loading="lazy"' not in hero


def test_a_hero_uploaded_in_the_admin_is_stored_before_its_copies_are_made(media_root, make_post):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = make_post("Uploaded Hero")
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), "purple").save(out, "JPEG")
    post.hero_image = SimpleUploadedFile("hero.jpg", out.getvalue(), content_type="image/jpeg")
    post.hero_alt = "A purple field"
    post.save()
    assert default_storage.exists(post.hero_image.name)
    assert '<source type="image/avif"' in post.hero_html and 'alt="A purple field"' in post.hero_html
