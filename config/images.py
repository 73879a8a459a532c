"""What counts as an image here: a real raster file Pillow can decode, bounded in bytes and pixels."""

import io
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image, ImageOps, ImageSequence

from config.markdown.blocks import Picture

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
# What a re-encoded image keeps of the original's metadata: how to draw it, nothing about it.
KEPT_INFO = ("transparency", "icc_profile", "duration", "loop", "background", "disposal")
EXIF_ORIENTATION = 0x0112


def human_size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def inspect_image(handle, *, name: str = "image") -> tuple[str, tuple[int, int]]:
    """Return (format, (width, height)) or raise ValidationError saying what is wrong."""
    handle.seek(0, 2)
    size_in_bytes = handle.tell()
    handle.seek(0)
    if size_in_bytes > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            f"{name} is {human_size(size_in_bytes)}; the limit is {human_size(settings.IMAGE_MAX_BYTES)}.",
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(handle) as image:
                image_format, dimensions = image.format, image.size
                image.verify()
    except Exception as error:  # Pillow raises many types for broken files; all mean "not an image".
        raise ValidationError(f"{name} is not a valid image ({type(error).__name__}).", code="invalid") from error
    finally:
        handle.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(f"{name} is a {image_format} image; use JPEG, PNG, GIF or WebP.", code="format")
    width, height = dimensions
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            f"{name} is {width}×{height} pixels; the limit is {settings.IMAGE_MAX_PIXELS:,} pixels.",
            code="too_many_pixels",
        )
    return image_format, dimensions


def validate_image_file(field_file) -> None:
    """Model-field validator: runs on admin uploads before anything is written to storage."""
    handle = getattr(field_file, "file", field_file)
    inspect_image(handle, name=getattr(field_file, "name", None) or "The image")


def reencode(handle, *, name: str = "image", max_width: int | None = None) -> ContentFile:
    """The image as Pillow writes it, in its own format: EXIF orientation applied to the pixels,
    metadata (EXIF, GPS, comments, text chunks) dropped, so no byte of the upload survives but
    its pixels. A GIF that is also a script, or a JPEG with a payload after its end, comes out a
    plain image. Deterministic: the same upload gives the same bytes (importer names hash them)."""
    image_format, (width, height) = inspect_image(handle, name=name)
    out = io.BytesIO()
    with Image.open(handle) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > 1:
            if frames * width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    f"{name} is an animation of {frames} frames of {width}×{height}; the limit is "
                    f"{settings.IMAGE_MAX_PIXELS:,} pixels in all.",
                    code="too_many_pixels",
                )
            save_animation(image, out, image_format)
        else:
            save_still(image, out, image_format, max_width=max_width)
    handle.seek(0)
    stem = PurePosixPath(name).stem or "image"
    return ContentFile(out.getvalue(), name=f"{stem}{EXTENSIONS[image_format]}")


def kept_info(image) -> dict:
    return {key: image.info[key] for key in KEPT_INFO if key in image.info}


def save_still(image, out, image_format: str, *, max_width: int | None) -> None:
    upright = image.getexif().get(EXIF_ORIENTATION, 1) in (None, 1)
    fits = not max_width or image.width <= max_width
    info = kept_info(image)
    if image_format == "JPEG" and upright and fits:
        # The original's quantisation: no further loss of quality from this pass.
        image.save(out, "JPEG", quality="keep", subsampling="keep", **info)
        return
    picture = ImageOps.exif_transpose(image)
    if not fits:
        picture.thumbnail((max_width, picture.height), Image.Resampling.LANCZOS)
    picture.info = {}
    # JPEG re-encoded only when turned or scaled; WebP at libwebp's own default effort (method 4).
    webp = {"quality": 80, "method": settings.IMAGE_WEBP_METHOD}
    options = {"JPEG": {"quality": 90}, "WEBP": webp}.get(image_format, {})
    picture.save(out, image_format, **options, **info)


def save_animation(image, out, image_format: str) -> None:
    durations, frames = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.copy()
        copy.info = {}
        frames.append(copy)
    info = {key: value for key, value in kept_info(image).items() if key != "duration"}
    frames[0].save(out, image_format, save_all=True, append_images=frames[1:], duration=durations, **info)


class ReencodedImageField(models.ImageField):
    """An ImageField whose new files are stored as `reencode` writes them, whoever assigns them
    (an admin upload, a script): the stored file is never the uploaded bytes."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode(file.file, name=PurePosixPath(file.name).name)
            file.file, file.name = clean, clean.name
        return super().pre_save(model_instance, add)


def stored_image(src: str) -> Picture | None:
    """An http(s) image as it is; a media path only if the file is really there, with its size
    (config/renditions.py adds the smaller copies pages offer)."""
    if src.startswith(("https://", "http://")):
        return Picture(src)
    if not src or src.startswith("/") or ".." in src.split("/"):
        return None
    if not default_storage.exists(src):
        return None
    try:
        with default_storage.open(src) as handle, Image.open(handle) as image:
            size = image.size
    except (OSError, ValueError):
        return None
    return Picture(default_storage.url(src), size)
