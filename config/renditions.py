"""Smaller copies of a stored image for readers' screens: AVIF, and WebP for browsers without
AVIF, at a few widths, made once when the page that shows the image is rendered (at save or
import), never per request.

A manifest beside them (renditions/<image>.json), written last, lists what was made: its presence
means the work is done, and its list says which copies exist (a WebP copy no smaller than the
original is not kept). The renderer's media lookup for the site's storage is `stored_picture`.
"""

import io
import json
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from config.images import stored_image
from config.markdown.blocks import ARTICLE_SIZES, Picture

FORMATS = {"AVIF": ("image/avif", ".avif"), "WEBP": ("image/webp", ".webp")}


def rendition_stem(name: str) -> str:
    """renditions/figures/chart-27f4.webp's copies: renditions/figures/chart-27f4-480w.avif, …"""
    path = PurePosixPath(name)
    return f"renditions/{path.with_suffix('')}"


def encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format == "AVIF":
        image.save(out, "AVIF", quality=settings.IMAGE_AVIF_QUALITY, speed=settings.IMAGE_AVIF_SPEED)
    else:
        image.save(out, "WEBP", quality=settings.IMAGE_WEBP_QUALITY, method=settings.IMAGE_WEBP_METHOD)
    return out.getvalue()


def make_renditions(name: str) -> list[dict]:
    """Write the copies of a stored image narrower than it, and its manifest; return the manifest."""
    with default_storage.open(name) as handle:
        original_bytes = handle.read()
    made: list[dict] = []
    with Image.open(io.BytesIO(original_bytes)) as image:
        if getattr(image, "n_frames", 1) == 1:  # an animation keeps its one file
            picture = ImageOps.exif_transpose(image)
            picture.load()
            for width in sorted(w for w in settings.IMAGE_RENDITION_WIDTHS if w < picture.width):
                copy = picture.copy()
                copy.thumbnail((width, picture.height), Image.Resampling.LANCZOS)
                for image_format, (mime, suffix) in FORMATS.items():
                    data = encode(copy, image_format)
                    if image_format == "WEBP" and len(data) >= len(original_bytes):
                        continue  # the original serves better
                    target = f"{rendition_stem(name)}-{width}w{suffix}"
                    if default_storage.exists(target):
                        default_storage.delete(target)
                    default_storage.save(target, ContentFile(data))
                    made.append({"name": target, "type": mime, "width": copy.width})
    manifest = f"{rendition_stem(name)}.json"
    if default_storage.exists(manifest):
        default_storage.delete(manifest)
    default_storage.save(manifest, ContentFile(json.dumps(made).encode()))
    return made


def renditions_of(name: str) -> list[dict]:
    manifest = f"{rendition_stem(name)}.json"
    if default_storage.exists(manifest):
        with default_storage.open(manifest) as handle:
            try:
                return json.loads(handle.read())
            except ValueError:
                pass  # a torn manifest: make them again
    return make_renditions(name)


def hero_html(name: str, alt: str) -> str:
    """A post's hero as its page shows it: the first thing on the page, fetched first, never lazily."""
    hero = stored_picture(name) if name else None
    return hero.img(alt=alt, sizes=ARTICLE_SIZES, eager=True) if hero else ""


def storage_name(src: str) -> str:
    """The storage's own name for one of its addresses (/media/uploads/x.webp, or the bucket's
    https://…/media/uploads/x.webp: what the editor's upload inserts); any other src as given."""
    base = default_storage.url("")
    return src[len(base) :] if base and src.startswith(base) and len(src) > len(base) else src


def stored_picture(src: str) -> Picture | None:
    """The renderer's media lookup for this site's storage: the image (stored_image) with its
    renditions as srcsets, AVIF first, whether named (figures/x.webp) or by its address; remote
    images as they are."""
    src = storage_name(src)
    found = stored_image(src)
    if found is None or src.startswith(("https://", "http://")):
        return found
    try:
        copies = renditions_of(src)
    except OSError:
        return found  # the copies are a saving, not the image: the page still shows it
    if not copies or not found.size:
        return found

    def srcset(mime: str) -> list[str]:
        return [f"{default_storage.url(copy['name'])} {copy['width']}w" for copy in copies if copy["type"] == mime]

    avif = srcset("image/avif")
    # The <img>'s own set: the WebP copies, then the original at its width, whatever its format.
    fallback = [*srcset("image/webp"), f"{found.url} {found.size[0]}w"]
    return Picture(
        url=found.url,
        size=found.size,
        sources=(("image/avif", ", ".join(avif)),) if avif else (),
        srcset=", ".join(fallback) if len(fallback) > 1 else "",
    )
