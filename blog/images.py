"""What counts as an image here: a real raster file Pillow can decode, bounded in bytes and pixels."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


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
